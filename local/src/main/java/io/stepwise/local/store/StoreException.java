package io.stepwise.local.store;

/** A storage failure the caller cannot fix by changing its request. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
