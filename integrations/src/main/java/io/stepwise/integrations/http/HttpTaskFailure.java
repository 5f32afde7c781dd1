package io.stepwise.integrations.http;

/** Ends an HTTP Task with an error name other than the generic {@code States.TaskFailed}. */
final class HttpTaskFailure extends RuntimeException {
    private final String error;

    HttpTaskFailure(String error, String cause) {
        super(cause, null, false, false);
        this.error = error;
    }

    String error() {
        return error;
    }
}
