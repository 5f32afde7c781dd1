package io.stepwise.engine;

import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.state.ExecutionState;
import java.util.List;

/** The result of applying one trigger: the new state, the history it appended, and the commands to run. */
public record Step(ExecutionState state, List<HistoryEvent> events, List<Command> commands) {
    public Step {
        events = List.copyOf(events);
        commands = List.copyOf(commands);
    }
}
