package io.stepwise.runtime;

import io.stepwise.engine.history.HistoryEvent;
import java.util.List;

/**
 * Where the history events of executions go as their state machine's logging configuration asks (AWS sends them to
 * CloudWatch Logs): locally a JSON-lines file per log group. Called after the events are committed (Standard) or
 * once the execution ends (Express); an adapter filters by the machine's level and must not fail the execution
 * because a log could not be written, since AWS's log delivery is best-effort too.
 */
@FunctionalInterface
public interface ExecutionLogs {
    /** Logs nothing. */
    ExecutionLogs NONE = (stateMachineArn, executionArn, redriveCount, events) -> { };

    /**
     * {@code events} of {@code executionArn}, an execution of {@code stateMachineArn}, in order; {@code redriveCount}
     * is how often the execution had been redriven when they happened (each record names it).
     */
    void append(String stateMachineArn, String executionArn, int redriveCount, List<HistoryEvent> events);
}
