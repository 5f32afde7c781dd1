package io.stepwise.integrations.aws;

/** A Task's parameters do not fit the API they are sent to; the message names the parameter by its path. */
public final class InvalidParameter extends RuntimeException {
    public InvalidParameter(String message) {
        super(message);
    }
}
