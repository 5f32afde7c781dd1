package io.stepwise.engine;

import static io.stepwise.engine.history.HistoryEventType.MAP_RUN_STARTED;

import io.stepwise.asl.MapState;
import io.stepwise.engine.state.ChildrenState;
import io.stepwise.engine.state.MapRunState;
import io.stepwise.query.EvalContext;
import java.util.UUID;

/**
 * A distributed Map: a Map Run whose iterations are child executions, its items read from the input or an
 * ItemReader, batched by an ItemBatcher and written by a ResultWriter ({@link MapRunStep} runs it).
 */
record DistributedMapProcessor(MapState state, Dialect dialect) implements StateProcessor {
    @Override
    public void execute(StateRunner runner, Frame frame) {
        Run run = runner.run();
        MapState map = state;
        EvalContext effectiveCtx = MapStart.effectiveContext(runner, frame, map);
        ChildrenState children = MapStart.children(runner, frame, map, dialect, effectiveCtx);
        MapRunState mapRun = new MapRunState();
        mapRun.mapRunArn = mapRunArn(run, map);
        run.emit(frame, MAP_RUN_STARTED, Payloads.details().put("mapRunArn", mapRun.mapRunArn));
        mapRun.total = children.total;
        if (map.itemReader() != null) {
            // Items come a page at a time from the reader; how many there are is known at the last page.
            mapRun.total = -1;
            mapRun.itemSource = MapRunInputs.itemSource(runner, frame, map, dialect, effectiveCtx);
        } else if (!dialect.rereadsItems()) {
            mapRun.items = children.items;
            mapRun.selectorInput = children.selectorInput;
        }
        // Items a dialect can read again from the state input are read again for each batch, rather than stored
        // beside it: the parent's state then holds its input once, however many items.
        mapRun.maxConcurrency = children.maxConcurrency;
        mapRun.toleratedFailureCount = children.toleratedFailureCount;
        mapRun.toleratedFailurePercentage = children.toleratedFailurePercentage;
        mapRun.batcher = MapRunInputs.batcher(runner, frame, map, dialect, effectiveCtx);
        mapRun.resultWriter = MapRunInputs.resultWriter(runner, frame, map, dialect, effectiveCtx);
        runner.children().mapRuns().start(frame, map, mapRun);
    }

    private static String mapRunArn(Run run, MapState map) {
        String machineArn = run.state.start.stateMachineArn();
        String label = map.label() != null ? map.label() : map.name();
        UUID id = new UUID(run.random().nextLong(), run.random().nextLong());
        String runArn = machineArn.replace(":stateMachine:", ":mapRun:");
        return runArn + "/" + label + ":" + id;
    }
}
