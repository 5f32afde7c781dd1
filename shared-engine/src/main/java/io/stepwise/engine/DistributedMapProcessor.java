package io.stepwise.engine;

import io.stepwise.asl.MapState;

/**
 * A distributed Map: a Map Run whose iterations are child executions, items read from the input or an ItemReader,
 * batched by an ItemBatcher and written by a ResultWriter ({@link MapRunStep} runs it).
 */
record DistributedMapProcessor(MapState state, Dialect dialect) implements StateProcessor {
    @Override
    public void execute(StateRunner runner, Frame frame) {
        runner.children().startMap(frame, state);
    }
}
