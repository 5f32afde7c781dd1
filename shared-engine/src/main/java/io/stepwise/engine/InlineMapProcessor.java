package io.stepwise.engine;

import io.stepwise.asl.MapState;

/** An inline Map: one iteration per item, run as branches of this execution, at most MaxConcurrency at a time. */
record InlineMapProcessor(MapState state, Dialect dialect) implements StateProcessor {
    @Override
    public void execute(StateRunner runner, Frame frame) {
        runner.children().startMap(frame, state);
    }
}
