package io.stepwise.engine.port;

/** Exporting a Map Run's results failed; the Map Run fails with {@code error} (AWS: States.ResultWriterFailed). */
public final class ResultWriterException extends RuntimeException {
    private final String error;

    public ResultWriterException(String error, String cause) {
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
