package io.stepwise.engine;

import io.stepwise.asl.TaskState;

/** Task: schedules the integration; {@link TaskStep} handles what it answers. */
record TaskProcessor(TaskState state, Dialect dialect) implements StateProcessor {
    @Override
    public void execute(StateRunner runner, Frame frame) {
        runner.tasks().schedule(frame, state);
    }
}
