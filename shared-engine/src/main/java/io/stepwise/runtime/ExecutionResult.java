package io.stepwise.runtime;

import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.state.ExecutionState;
import java.util.List;

/** An execution run to its end (or to a point where nothing more can happen) and its full history. */
public record ExecutionResult(ExecutionState state, List<HistoryEvent> history) {
    public ExecutionResult {
        history = List.copyOf(history);
    }
}
