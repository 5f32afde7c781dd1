package io.stepwise.engine.port;

import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.state.ExecutionState;
import java.time.Instant;
import java.util.List;

/**
 * One atomic change of an execution: its new state, the history events appended, and the task tokens issued.
 *
 * @param expectedVersion the version the change was computed from; the commit fails if the stored one differs
 * @param at when the change happened: the stop date if {@code state} is terminal
 */
public record Commit(
        String executionArn, long expectedVersion, ExecutionState state, List<HistoryEvent> events,
        List<TaskTokenGrant> tokens, Instant at) {
    public Commit {
        events = List.copyOf(events);
        tokens = List.copyOf(tokens);
    }
}
