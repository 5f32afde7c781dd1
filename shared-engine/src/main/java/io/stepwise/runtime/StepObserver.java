package io.stepwise.runtime;

import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.Step;
import io.stepwise.engine.Trigger;
import java.time.Instant;

/**
 * Sees every step a {@link TransitionRunner} takes (an {@link InMemoryRunner} shows those of its execution), with
 * exactly what it gave the interpreter, so that a test can record a run and apply the same sequence again. The
 * runner keeps changing the step's state after the call returns: an observer that needs the state must copy it then.
 */
public interface StepObserver {
    /** Observes nothing. */
    StepObserver NONE = new StepObserver() {
        @Override
        public void started(ExecutionStart start, Step step) {
        }

        @Override
        public void applied(Trigger trigger, Instant now, Step step) {
        }
    };

    /** The interpreter started the execution with {@code start} and took {@code step}. */
    void started(ExecutionStart start, Step step);

    /** The interpreter applied {@code trigger} at {@code now} and took {@code step}. */
    void applied(Trigger trigger, Instant now, Step step);
}
