package io.stepwise.engine.state;

/**
 * A stored execution state this Stepwise will not read: its format version is newer than or unknown to this build,
 * or its text does not fit its version. The message names the execution and the versions, fit to show as it is.
 */
public final class StateFormatException extends RuntimeException {
    StateFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
