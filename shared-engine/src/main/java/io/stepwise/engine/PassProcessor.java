package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.PassState;

/** Pass: its result (JSONPath's Result or Parameters) or else its input goes through the result tail. */
record PassProcessor(PassState state, Dialect dialect) implements StateProcessor {
    @Override
    public void execute(StateRunner runner, Frame frame) {
        JsonNode result = dialect.passResult(state, runner.context(frame, frame.branch().stateInput));
        if (result == null) {
            dialect.exitWithInput(runner, frame, state);
        } else {
            dialect.exitWithResult(runner, frame, state, ResultFields.of(state), result, runner.context(frame, result));
        }
    }
}
