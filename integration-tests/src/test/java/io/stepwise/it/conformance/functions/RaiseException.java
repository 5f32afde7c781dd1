package io.stepwise.it.conformance.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code raise_exception}: raises an exception with the message {@code Some exception was raised.} */
public final class RaiseException implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        throw new RuntimeException("Some exception was raised.");
    }
}
