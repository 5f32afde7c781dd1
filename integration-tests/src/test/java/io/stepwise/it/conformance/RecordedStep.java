package io.stepwise.it.conformance;

import io.stepwise.engine.Command;
import io.stepwise.engine.Trigger;
import java.time.Instant;
import java.util.List;

/**
 * One step of a recorded run: what the interpreter was given and what it gave back, its events already written
 * out as they would be stored.
 *
 * @param trigger the trigger applied, or {@code null} for the step that started the execution
 * @param events each event as {@code GetExecutionHistory} JSON text, written when the step was taken
 */
record RecordedStep(Trigger trigger, Instant now, List<String> events, List<Command> commands) {
    RecordedStep {
        events = List.copyOf(events);
        commands = List.copyOf(commands);
    }

    String label(int index) {
        return "step " + index + " (" + (trigger == null ? "start" : trigger) + " at " + now + ")";
    }
}
