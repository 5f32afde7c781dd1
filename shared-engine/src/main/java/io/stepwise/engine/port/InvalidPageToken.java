package io.stepwise.engine.port;

/**
 * A listing's {@code nextToken} that the store did not issue, or issued for another listing: the caller's mistake,
 * which the API reports as {@code InvalidToken}. Every other store failure stays a server error, so a store must
 * throw this type, and only for this case.
 */
public final class InvalidPageToken extends RuntimeException {
    public InvalidPageToken() {
        super("Invalid pagination token", null, false, false);
    }
}
