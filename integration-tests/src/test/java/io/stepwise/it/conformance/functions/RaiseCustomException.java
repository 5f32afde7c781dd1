package io.stepwise.it.conformance.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code raise_custom_exception}: raises an exception of its own class, {@code CustomException}, without a message. */
public final class RaiseCustomException implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        throw new CustomException();
    }

    /** The handler's own exception type; the Lambda Java runtime names it by its class name. */
    public static final class CustomException extends RuntimeException {
        public CustomException() {
            super((String) null);
        }
    }
}
