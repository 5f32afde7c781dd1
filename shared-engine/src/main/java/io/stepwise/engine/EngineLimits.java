package io.stepwise.engine;

import io.stepwise.query.jsonata.JsonataLimits;
import java.util.Objects;

/**
 * Quotas the interpreter enforces. The defaults are AWS's; a self-hosted deployment may raise them because
 * its storage allows it.
 *
 * @param maxHistoryEvents the history length at which the execution fails with {@code States.Runtime}
 * @param jsonata the work and memory one JSONata evaluation may use before it fails with
 *     {@code States.QueryEvaluationError}
 */
public record EngineLimits(int maxHistoryEvents, JsonataLimits jsonata) {
    public static final EngineLimits AWS = new EngineLimits(25_000);

    public EngineLimits {
        if (maxHistoryEvents < 3) {
            throw new IllegalArgumentException("maxHistoryEvents must leave room for start and end: " + maxHistoryEvents);
        }
        Objects.requireNonNull(jsonata, "jsonata");
    }

    public EngineLimits(int maxHistoryEvents) {
        this(maxHistoryEvents, JsonataLimits.DEFAULT);
    }

    public EngineLimits withJsonata(JsonataLimits newJsonata) {
        return new EngineLimits(maxHistoryEvents, newJsonata);
    }
}
