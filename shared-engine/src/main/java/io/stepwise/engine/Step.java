package io.stepwise.engine;

import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.state.ExecutionState;
import java.util.List;

/**
 * The result of applying one trigger: the new state, the history it appended, and the commands to run.
 *
 * @param changed whether the trigger changed the state; a step inside a distributed Map iteration may change it
 *     without any event or command, and a stale or duplicate trigger changes nothing
 */
public record Step(ExecutionState state, List<HistoryEvent> events, List<Command> commands, boolean changed) {
    public Step {
        events = List.copyOf(events);
        commands = List.copyOf(commands);
        changed = changed || !events.isEmpty() || !commands.isEmpty();
    }

    public Step(ExecutionState state, List<HistoryEvent> events, List<Command> commands) {
        this(state, events, commands, false);
    }
}
