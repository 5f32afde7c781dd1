package io.stepwise.engine;

import io.stepwise.engine.state.ExecutionState;
import io.stepwise.engine.state.StateFormat;

/** Saves and reloads an {@link ExecutionState} in its stored format, as a durable runner would between two steps. */
final class StateCodec {
    private StateCodec() {
    }

    static String save(ExecutionState state) {
        return StateFormat.CURRENT.write(state);
    }

    static ExecutionState load(String text) {
        return StateFormat.CURRENT.read(Execution.EXECUTION_ARN, text);
    }
}
