package io.stepwise.integrations.aws;

/** A response the service sent but the integration fails the task for, e.g. PutEvents with failed entries. */
public final class RefusedResponse extends RuntimeException {
    private final String error;

    public RefusedResponse(String error, String cause) {
        super(cause);
        this.error = error;
    }

    public String error() {
        return error;
    }
}
