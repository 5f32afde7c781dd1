package io.stepwise.engine.port;

/**
 * Reading a Distributed Map's items failed. {@code error} is what the Map Run fails with, e.g.
 * {@code States.ItemReaderFailed}, or a service error AWS surfaces as is.
 */
public final class ItemReaderException extends RuntimeException {
    private final String error;

    public ItemReaderException(String error, String cause) {
        super(cause);
        this.error = error;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return getMessage();
    }
}
