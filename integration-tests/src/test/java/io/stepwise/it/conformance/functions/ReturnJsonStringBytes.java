package io.stepwise.it.conformance.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** {@code return_json_string_bytes}: returns the bytes of the JSON text {@code "HelloWorld!"}. */
public final class ReturnJsonStringBytes implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write("\"HelloWorld!\"".getBytes(StandardCharsets.UTF_8));
    }
}
