package io.stepwise.engine;

import io.stepwise.asl.FailState;

/** Fail: the branch ends failed with the state's Error and Cause; no Retry or Catch applies. */
record FailProcessor(FailState state, Dialect dialect) implements StateProcessor {
    @Override
    public void execute(StateRunner runner, Frame frame) {
        FieldScope scope = dialect.scope(runner, frame, state);
        String error = scope.text(state.error(), state.errorPath(), "Error");
        String cause = scope.text(state.cause(), state.causePath(), "Cause");
        runner.endBranchFailed(frame, error, cause);
    }
}
