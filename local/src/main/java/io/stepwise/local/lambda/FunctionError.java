package io.stepwise.local.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;

/**
 * The error document the Lambda Java runtime returns for an exception a handler throws:
 * {@code errorType} is the exception's class name, which Step Functions uses as the error name.
 */
final class FunctionError {
    private FunctionError() {
    }

    static String errorType(Throwable error) {
        return error instanceof RemoteFunctionError remote ? remote.errorType() : error.getClass().getName();
    }

    static ObjectNode document(Throwable error) {
        if (error instanceof RemoteFunctionError remote) {
            return remote.document();
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (error.getMessage() != null) {
            node.put("errorMessage", error.getMessage());
        }
        node.put("errorType", errorType(error));
        ArrayNode stack = node.putArray("stackTrace");
        for (StackTraceElement frame : error.getStackTrace()) {
            // Frames from here down are Stepwise's, where AWS would show its runtime's internals.
            if (frame.getClassName().equals(LambdaHandler.class.getName())) {
                break;
            }
            stack.add(frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                    + frame.getLineNumber() + ")");
        }
        if (error.getCause() != null && error.getCause() != error) {
            node.set("cause", document(error.getCause()));
        }
        return node;
    }
}
