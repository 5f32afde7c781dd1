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
 * @param maxStepItems the store items (history events, timers, tasks, tokens) one step may write before it stops
 *     and continues in a new step ({@link Command.Continue}); {@link #UNBOUNDED_STEP} for no limit
 */
public record EngineLimits(int maxHistoryEvents, JsonataLimits jsonata, int maxStepItems) {
    /**
     * Bounds what one commit writes besides the execution item (history events, tokens, timers, outbox tasks), so a
     * wide Map or Parallel advances in steps of bounded cost and latency. It was sized for one DynamoDB
     * {@code TransactWriteItems} (100 items, some taken by the execution item, a consumed fire, the continuation
     * timer and settled tasks); the DynamoDB store no longer commits in a transaction, and the bound still keeps
     * each commit's writes and the state it rewrites small.
     */
    public static final int DEFAULT_MAX_STEP_ITEMS = 90;
    public static final int UNBOUNDED_STEP = Integer.MAX_VALUE;
    public static final EngineLimits AWS = new EngineLimits(25_000);

    public EngineLimits {
        if (maxHistoryEvents < 3) {
            throw new IllegalArgumentException("maxHistoryEvents must leave room for start and end: " + maxHistoryEvents);
        }
        if (maxStepItems < StepBudget.RESERVE + 1) {
            throw new IllegalArgumentException("maxStepItems must leave room for one state: " + maxStepItems);
        }
        Objects.requireNonNull(jsonata, "jsonata");
    }

    public EngineLimits(int maxHistoryEvents) {
        this(maxHistoryEvents, JsonataLimits.DEFAULT, DEFAULT_MAX_STEP_ITEMS);
    }

    public EngineLimits(int maxHistoryEvents, JsonataLimits jsonata) {
        this(maxHistoryEvents, jsonata, DEFAULT_MAX_STEP_ITEMS);
    }

    public EngineLimits withJsonata(JsonataLimits newJsonata) {
        return new EngineLimits(maxHistoryEvents, newJsonata, maxStepItems);
    }

    public EngineLimits withMaxHistoryEvents(int newMaxHistoryEvents) {
        return new EngineLimits(newMaxHistoryEvents, jsonata, maxStepItems);
    }

    public EngineLimits withMaxStepItems(int newMaxStepItems) {
        return new EngineLimits(maxHistoryEvents, jsonata, newMaxStepItems);
    }
}
