package io.stepwise.api;

/**
 * An API error as AWS reports it: {@code code} becomes {@code __type} in the response body, which the AWS SDKs map
 * to their typed exceptions (e.g. {@code ExecutionAlreadyExists} → {@code ExecutionAlreadyExistsException}).
 */
public final class ApiException extends RuntimeException {
    private final String code;
    private final int httpStatus;

    public ApiException(String code, String message, int httpStatus) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** A client error: AWS answers every Step Functions client error with HTTP 400. */
    public static ApiException of(String code, String message) {
        return new ApiException(code, message, 400);
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
