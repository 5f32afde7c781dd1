package io.stepwise.local.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A function error reported by a function that runs elsewhere: its error type and document are the remote
 * function's, not those of an exception in this JVM.
 */
public final class RemoteFunctionError extends Exception {
    private final String errorType;
    private final ObjectNode document;

    public RemoteFunctionError(String errorType, ObjectNode document) {
        super(document.path("errorMessage").asText(errorType), null, false, false);
        this.errorType = errorType;
        this.document = document;
    }

    String errorType() {
        return errorType;
    }

    ObjectNode document() {
        return document;
    }
}
