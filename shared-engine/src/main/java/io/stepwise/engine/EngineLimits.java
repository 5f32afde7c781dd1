package io.stepwise.engine;

/**
 * Quotas the interpreter enforces. The defaults are AWS's; a self-hosted deployment may raise them because
 * its storage allows it.
 *
 * @param maxHistoryEvents the history length at which the execution fails with {@code States.Runtime}
 */
public record EngineLimits(int maxHistoryEvents) {
    public static final EngineLimits AWS = new EngineLimits(25_000);

    public EngineLimits {
        if (maxHistoryEvents < 3) {
            throw new IllegalArgumentException("maxHistoryEvents must leave room for start and end: " + maxHistoryEvents);
        }
    }
}
