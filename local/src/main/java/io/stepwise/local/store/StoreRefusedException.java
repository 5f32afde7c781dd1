package io.stepwise.local.store;

/**
 * The store will not open: another process owns the data directory, or its database is not Stepwise's or is
 * damaged. The message names the path and says what is wrong, fit to show the user as it is; nothing was written.
 */
public final class StoreRefusedException extends RuntimeException {
    StoreRefusedException(String message) {
        super(message);
    }
}
