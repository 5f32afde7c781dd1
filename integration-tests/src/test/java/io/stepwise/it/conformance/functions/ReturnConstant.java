package io.stepwise.it.conformance.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** {@code return_constant}: returns {@code {"Return": "HelloWorld"}}. */
public final class ReturnConstant implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write("{\"Return\": \"HelloWorld\"}".getBytes(StandardCharsets.UTF_8));
    }
}
