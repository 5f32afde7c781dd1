package io.stepwise.it.conformance;

import io.stepwise.asl.StateMachineDefinition;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.Step;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.engine.state.StateFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Applies a recorded run again from the start, on a fresh interpreter, and compares every step's events and
 * commands with the recording, then the final state. {@code beforeEachStep} sees the state between two steps: the
 * identity for a plain replay, a round trip through the stored format for a replay that restarts after every step.
 */
final class Replay {
    private Replay() {
    }

    /**
     * Writes the state as the SQLite store does and reads it back, as a restarted runner would load it. The state
     * read must write the same text again: a field that reads back changed would otherwise drift commit by commit.
     */
    static ExecutionState restarted(ExecutionState state) {
        String stored = StateFormat.CURRENT.write(state);
        ExecutionState loaded = StateFormat.CURRENT.read(state.start.executionArn(), stored);
        String again = StateFormat.CURRENT.write(loaded);
        if (!again.equals(stored)) {
            throw new AssertionError("the stored state reads back as another: wrote <" + stored + ">, read back <"
                    + again + ">");
        }
        return loaded;
    }

    /**
     * Null when the replay took the recorded steps and ended in the recorded state, else the first difference.
     * The end state too passes through {@code beforeEachStep}, as a restarted runner would load it.
     */
    static String difference(StateMachineDefinition definition, StepRecorder recording, ExecutionState recordedEnd,
            UnaryOperator<ExecutionState> beforeEachStep) {
        Interpreter interpreter = new Interpreter(definition);
        List<RecordedStep> steps = recording.steps;
        Step step = interpreter.start(recording.start);
        String diff = compare(steps.get(0).label(0), steps.get(0), StepRecorder.recorded(null, null, step));
        ExecutionState state = step.state();
        for (int i = 1; diff == null && i < steps.size(); i++) {
            RecordedStep recorded = steps.get(i);
            state = beforeEachStep.apply(state);
            step = interpreter.applyInPlace(state, recorded.trigger(), recorded.now());
            state = step.state();
            diff = compare(recorded.label(i), recorded, StepRecorder.recorded(recorded.trigger(), recorded.now(), step));
        }
        if (diff != null) {
            return diff;
        }
        state = beforeEachStep.apply(state);
        String expectedEnd = StateFormat.CURRENT.write(recordedEnd);
        String actualEnd = StateFormat.CURRENT.write(state);
        return expectedEnd.equals(actualEnd) ? null
                : "final state: expected <" + expectedEnd + "> but was <" + actualEnd + ">";
    }

    private static String compare(String label, RecordedStep expected, RecordedStep actual) {
        for (int i = 0; i < Math.max(expected.events().size(), actual.events().size()); i++) {
            String want = i < expected.events().size() ? expected.events().get(i) : null;
            String got = i < actual.events().size() ? actual.events().get(i) : null;
            if (!Objects.equals(want, got)) {
                return label + ", event " + i + ": expected <" + want + "> but was <" + got + ">";
            }
        }
        if (!expected.commands().equals(actual.commands())) {
            return label + ": expected commands " + expected.commands() + " but were " + actual.commands();
        }
        return null;
    }
}
