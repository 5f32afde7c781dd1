package io.stepwise.query.jsonata;

/**
 * Raised by the Step Functions additions to JSONata. The library's own {@code JException} only knows its
 * built-in error codes, so ours travel in this type and are reported in the same {@code code: message} form.
 */
final class JsonataFunctionError extends RuntimeException {
    private final String code;

    JsonataFunctionError(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
