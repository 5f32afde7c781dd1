package io.stepwise.engine.port;

/**
 * Reading a Distributed Map's items ({@link ItemReader}) or exporting its results ({@link ResultWriter}) failed. The
 * Map Run fails with {@code error}: {@code States.ItemReaderFailed} or {@code States.ResultWriterFailed}, or a service
 * error AWS surfaces as it is.
 */
public final class MapRunIoException extends RuntimeException {
    private final String error;

    public MapRunIoException(String error, String cause) {
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
