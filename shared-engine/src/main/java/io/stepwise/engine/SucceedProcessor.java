package io.stepwise.engine;

import io.stepwise.asl.SucceedState;

/**
 * Succeed: the branch ends with the state's input (JSONPath: InputPath and OutputPath; JSONata: Output). The state
 * has no Assign.
 */
record SucceedProcessor(SucceedState state, Dialect dialect) implements StateProcessor {
    @Override
    public void execute(StateRunner runner, Frame frame) {
        runner.exit(frame, state, dialect.scope(runner, frame, state).output(null), null);
    }
}
