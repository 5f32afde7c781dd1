package io.stepwise.engine;

import io.stepwise.asl.WaitState;

/** Wait: a timer until the due time, then the state exits with its input. */
record WaitProcessor(WaitState state, Dialect dialect) implements StateProcessor {
    @Override
    public void execute(StateRunner runner, Frame frame) {
        runner.waits().start(frame, state);
    }
}
