package io.stepwise.engine;

import io.stepwise.asl.ParallelState;

/** Parallel: every branch runs on the same input; the state's result is their outputs in branch order. */
record ParallelProcessor(ParallelState state, Dialect dialect) implements StateProcessor {
    @Override
    public void execute(StateRunner runner, Frame frame) {
        runner.children().startParallel(frame, state);
    }
}
