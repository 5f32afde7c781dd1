package io.stepwise.it.conformance.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** {@code large_output}: returns a string of 257 × 1024 {@code a}, past Step Functions' 256 KiB payload limit. */
public final class LargeOutput implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(("\"" + "a".repeat(257 * 1024) + "\"").getBytes(StandardCharsets.UTF_8));
    }
}
