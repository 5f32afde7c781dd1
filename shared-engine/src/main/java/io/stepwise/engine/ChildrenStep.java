package io.stepwise.engine;

import static io.stepwise.engine.history.HistoryEventType.MAP_ITERATION_ABORTED;
import static io.stepwise.engine.history.HistoryEventType.MAP_ITERATION_FAILED;
import static io.stepwise.engine.history.HistoryEventType.MAP_ITERATION_STARTED;
import static io.stepwise.engine.history.HistoryEventType.MAP_ITERATION_SUCCEEDED;
import static io.stepwise.engine.history.HistoryEventType.MAP_RUN_FAILED;
import static io.stepwise.engine.history.HistoryEventType.MAP_RUN_STARTED;
import static io.stepwise.engine.history.HistoryEventType.MAP_RUN_SUCCEEDED;
import static io.stepwise.engine.history.HistoryEventType.MAP_STATE_STARTED;
import static io.stepwise.engine.history.HistoryEventType.PARALLEL_STATE_STARTED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stepwise.asl.MapState;
import io.stepwise.asl.ParallelState;
import io.stepwise.asl.State;
import io.stepwise.asl.Workflow;
import io.stepwise.engine.state.BranchState;
import io.stepwise.engine.state.ChildrenState;
import io.stepwise.engine.state.MapRunState;
import io.stepwise.engine.state.Phase;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.PayloadTemplate;
import io.stepwise.query.StatesException;
import io.stepwise.query.jsonata.JsonataBindings;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Parallel and Map states: start children, collect what they return, and finish the state when the last
 * one ends or the first one fails.
 */
final class ChildrenStep {
    private final Run run;
    private final StateRunner runner;
    private final MapRunStep mapRuns;

    ChildrenStep(Run run, StateRunner runner) {
        this.run = run;
        this.runner = runner;
        this.mapRuns = new MapRunStep(run, runner, this);
    }

    MapRunStep mapRuns() {
        return mapRuns;
    }

    void startParallel(Frame frame, ParallelState parallel) {
        BranchState branch = frame.branch();
        JsonNode effective = DataFlow.inputPath(parallel.common().inputPath(), runner.context(frame, branch.stateInput));
        JsonNode input;
        if (parallel.common().isJsonata()) {
            input = parallel.arguments() == null ? branch.stateInput : runner.jsonata()
                    .evaluate(parallel.arguments(), runner.jsonata().bindings(runner, frame, branch.stateInput), "Arguments");
        } else {
            input = parallel.parameters() == null
                    ? effective
                    : parallel.parameters().evaluate(runner.context(frame, effective, true, null));
        }
        run.emit(frame, PARALLEL_STATE_STARTED);
        ChildrenState children = new ChildrenState();
        children.total = parallel.branches().size();
        children.results = emptyResults(children.total);
        children.selectorInput = input;
        children.launchSource = branch.source;
        branch.children = children;
        branch.moveTo(Phase.CHILDREN);
        pump(frame);
    }

    void startMap(Frame frame, MapState map) {
        BranchState branch = frame.branch();
        EvalContext ctx = runner.context(frame, branch.stateInput);
        JsonNode effective = DataFlow.inputPath(map.common().inputPath(), ctx);
        EvalContext effectiveCtx = ctx.withInput(effective);
        ChildrenState children = new ChildrenState();
        if (map.common().isJsonata()) {
            JsonataBindings bindings = runner.jsonata().bindings(runner, frame, branch.stateInput);
            children.items = map.itemReader() != null ? Json.MAPPER.createArrayNode()
                    : runner.jsonata().items(map, bindings);
            children.maxConcurrency = map.maxConcurrency() == null ? 0
                    : runner.jsonata().number(map.maxConcurrency(), bindings, "MaxConcurrency").intValue();
        } else {
            // MaxConcurrencyPath is read before ItemsPath, so its failure wins (LocalStack's state_map.py, built to
            // match AWS's recordings of test_max_concurrency_path).
            children.maxConcurrency = maxConcurrency(map, effectiveCtx);
            JsonNode items = map.itemReader() != null ? Json.MAPPER.createArrayNode()
                    : read(map.itemsPath(), effectiveCtx);
            if (!items.isArray()) {
                throw StatesException.runtime("Map state input must be an array but was: " + Json.write(items));
            }
            children.items = (ArrayNode) items;
        }
        children.total = children.items.size();
        // A Map Run keeps its results with its children.
        children.results = map.distributed() ? null : emptyResults(children.total);
        // Only an ItemSelector reads it; without one the items are all a launch needs.
        children.selectorInput = map.itemSelector() != null || map.jsonataItemSelector() != null ? effective : null;
        run.emit(frame, MAP_STATE_STARTED, Payloads.details().put("length", children.total));
        toleratedFailures(map, effectiveCtx, children);
        if (map.distributed()) {
            MapRunState mapRun = new MapRunState();
            mapRun.mapRunArn = mapRunArn(map);
            run.emit(frame, MAP_RUN_STARTED, Payloads.details().put("mapRunArn", mapRun.mapRunArn));
            mapRun.total = children.total;
            if (map.itemReader() != null) {
                // Items come a page at a time from the reader; how many there are is known at the last page.
                mapRun.total = -1;
                mapRun.itemSource = MapRunInputs.itemSource(runner, frame, map, effectiveCtx);
            } else if (map.common().isJsonata()) {
                mapRun.items = children.items;
                mapRun.selectorInput = children.selectorInput;
            }
            // A JSONPath Map's items and ItemSelector input are read again from the state input for each batch,
            // rather than stored beside it: the parent's state then holds its input once, however many items.
            mapRun.maxConcurrency = children.maxConcurrency;
            mapRun.toleratedFailureCount = children.toleratedFailureCount;
            mapRun.toleratedFailurePercentage = children.toleratedFailurePercentage;
            mapRun.batcher = MapRunInputs.batcher(runner, frame, map, effectiveCtx);
            mapRun.resultWriter = MapRunInputs.resultWriter(runner, frame, map, effectiveCtx);
            mapRuns.start(frame, map, mapRun);
            return;
        }
        children.launchSource = branch.source;
        branch.children = children;
        branch.moveTo(Phase.CHILDREN);
        pump(frame);
    }

    private String mapRunArn(MapState map) {
        String machineArn = run.state.start.stateMachineArn();
        String label = map.label() != null ? map.label() : map.name();
        UUID id = new UUID(run.random().nextLong(), run.random().nextLong());
        String runArn = machineArn.replace(":stateMachine:", ":mapRun:");
        return runArn + "/" + label + ":" + id;
    }

    private static ArrayNode emptyResults(int size) {
        ArrayNode results = Json.MAPPER.createArrayNode();
        for (int i = 0; i < size; i++) {
            results.addNull();
        }
        return results;
    }

    static JsonNode read(JsonPathExpression path, EvalContext ctx) {
        try {
            return path.read(ctx);
        } catch (JsonPathExpression.PathNotFound e) {
            throw StatesException.runtime("Invalid path '" + path.text() + "' : " + e.getMessage());
        }
    }

    private static int maxConcurrency(MapState map, EvalContext ctx) {
        if (map.maxConcurrency() != null && map.maxConcurrency().isNumber()) {
            return map.maxConcurrency().intValue();
        }
        if (map.maxConcurrencyPath() != null) {
            JsonNode value = read(map.maxConcurrencyPath(), ctx);
            if (!value.isIntegralNumber() || value.asLong() < 0) {
                throw StatesException.runtime("The MaxConcurrencyPath field refers to value \"" + text(value)
                        + "\" which is not a valid integer: " + map.maxConcurrencyPath().text());
            }
            return value.intValue();
        }
        return 0;
    }

    private static void toleratedFailures(MapState map, EvalContext ctx, ChildrenState children) {
        JsonNode count = map.toleratedFailureCount();
        if (map.toleratedFailureCountPath() != null) {
            count = read(map.toleratedFailureCountPath(), ctx);
            if (!count.isIntegralNumber()) {
                throw StatesException.runtime("The ToleratedFailureCountPath field refers to value \"" + text(count)
                        + "\" which is not a valid integer: " + map.toleratedFailureCountPath().text());
            }
        }
        if (count != null && count.isNumber()) {
            if (count.asLong() < 0) {
                throw StatesException.runtime("ToleratedFailureCount cannot be negative.");
            }
            children.toleratedFailureCount = count.asLong();
        }
        JsonNode percentage = map.toleratedFailurePercentage();
        if (map.toleratedFailurePercentagePath() != null) {
            percentage = read(map.toleratedFailurePercentagePath(), ctx);
            if (!percentage.isNumber()) {
                throw StatesException.runtime("The ToleratedFailurePercentagePath field refers to value \""
                        + text(percentage) + "\" which is not a valid float: "
                        + map.toleratedFailurePercentagePath().text());
            }
        }
        if (percentage != null && percentage.isNumber()) {
            double value = percentage.asDouble();
            if (value < 0 || value > 100) {
                throw StatesException.runtime("ToleratedFailurePercentage must be between 0 and 100.");
            }
            children.toleratedFailurePercentage = value;
        }
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : Json.write(value);
    }

    /**
     * Collects finished children and launches more while the concurrency limit allows; a child that ends at
     * once is collected before the next starts, which gives the sequential histories AWS records.
     */
    void pump(Frame frame) {
        BranchState branch = frame.branch();
        if (branch.mapRun != null) {
            mapRuns.pump(frame);
            return;
        }
        State state = frame.state();
        while (branch.phase == Phase.CHILDREN) {
            ChildrenState children = branch.children;
            BranchState finished = firstTerminal(children.active);
            if (finished != null) {
                children.active.remove(finished);
                collect(frame, state, finished);
                continue;
            }
            boolean room = children.maxConcurrency == 0 || children.active.size() < children.maxConcurrency;
            if (children.launched < children.total && room) {
                run.checkBudget(frame);
                launch(frame, state, children.launched);
                continue;
            }
            if (children.active.isEmpty()) {
                complete(frame, state, children.mapRunArn, children.results);
            }
            return;
        }
    }

    private static BranchState firstTerminal(List<BranchState> active) {
        for (BranchState child : active) {
            if (child.phase.isTerminal()) {
                return child;
            }
        }
        return null;
    }

    private void launch(Frame frame, State state, int index) {
        BranchState branch = frame.branch();
        ChildrenState children = branch.children;
        children.launched++;
        JsonNode input;
        long source = children.launchSource;
        if (state instanceof MapState map) {
            input = itemInput(frame, map, children.selectorInput, children.item(index), index);
            if (!childrenSilent(frame, state)) {
                source = run.emitWithPrevious(frame, MAP_ITERATION_STARTED, iterationDetails(state, index), source);
            }
        } else {
            input = children.selectorInput;
        }
        Workflow workflow = state instanceof ParallelState parallel
                ? parallel.branches().get(index)
                : ((MapState) state).processor();
        BranchState child = BranchState.create(branch.id + "/" + state.name() + "/" + index, workflow.startAt(),
                input, source);
        child.index = index;
        children.active.add(child);
        runner.advance(childFrame(frame, state, child, index));
    }

    /**
     * A JSONPath Map's items and the input its ItemSelector's {@code $} refers to, read again from the state input:
     * InputPath and ItemsPath give the same nodes every time, as nothing changes the input while the Map runs.
     */
    JsonNode[] itemsFromInput(Frame frame, MapState map) {
        BranchState branch = frame.branch();
        EvalContext ctx = runner.context(frame, branch.stateInput);
        JsonNode effective = DataFlow.inputPath(map.common().inputPath(), ctx);
        return new JsonNode[] {read(map.itemsPath(), ctx.withInput(effective)), effective};
    }

    /**
     * The input an ItemSelector's {@code $} refers to when an ItemReader supplies the items: AWS then ignores
     * ItemsPath (even one that selects nothing), so it is not read.
     */
    JsonNode effectiveInput(Frame frame, MapState map) {
        BranchState branch = frame.branch();
        return DataFlow.inputPath(map.common().inputPath(), runner.context(frame, branch.stateInput));
    }

    /** An iteration's input: the item, or what ItemSelector makes of it. */
    JsonNode itemInput(Frame frame, MapState map, JsonNode selectorInput, JsonNode item, int index) {
        PayloadTemplate selector = map.itemSelector();
        if (selector == null && map.jsonataItemSelector() == null) {
            return item;
        }
        ObjectNode mapItem = Json.MAPPER.createObjectNode();
        mapItem.put("Index", index);
        mapItem.set("Value", item);
        EvalContext ctx = new EvalContext(selectorInput, () -> run.context(frame, false, null, mapItem),
                frame::lookup, run::random, run::describe);
        return selector != null ? selector.evaluate(ctx)
                : runner.jsonata().evaluate(map.jsonataItemSelector(), JsonataBindings.of(ctx), "ItemSelector");
    }

    /** The frame of a child branch of {@code frame}'s Parallel or Map state. */
    static Frame childFrame(Frame frame, State state, BranchState child, int index) {
        if (state instanceof ParallelState parallel) {
            return new Frame(child, parallel.branches().get(index), frame, frame.silent());
        }
        return new Frame(child, ((MapState) state).processor(), frame, childrenSilent(frame, state));
    }

    /** Distributed Map iterations are child executions: their events stay out of this history. */
    private static boolean childrenSilent(Frame frame, State state) {
        return frame.silent() || (state instanceof MapState map && map.distributed());
    }

    /** Built when the event is read (see {@code HistoryEvent}). */
    private static Supplier<ObjectNode> iterationDetails(State state, int index) {
        String name = state.name();
        return () -> Payloads.details().put("index", index).put("name", name);
    }

    private void collect(Frame frame, State state, BranchState child) {
        ChildrenState children = frame.branch().children;
        boolean iterationEvents = state instanceof MapState && !childrenSilent(frame, state);
        if (child.phase == Phase.SUCCEEDED) {
            children.succeeded++;
            children.results.set(child.index, child.output);
            if (iterationEvents) {
                run.emitWithPrevious(frame, MAP_ITERATION_SUCCEEDED, iterationDetails(state, child.index), child.source);
                children.launchSource = child.source;
            }
            return;
        }
        children.failed++;
        if (iterationEvents) {
            run.emitWithPrevious(frame, MAP_ITERATION_FAILED, iterationDetails(state, child.index), child.source);
            children.launchSource = child.source;
        }
        if (withinTolerance(children)) {
            ObjectNode errorOutput = Json.MAPPER.createObjectNode();
            errorOutput.set("Error", child.error == null ? null : TextNode.valueOf(child.error));
            errorOutput.set("Cause", child.cause == null ? null : TextNode.valueOf(child.cause));
            children.results.set(child.index, errorOutput);
            return;
        }
        abortActive(frame, state);
        BranchState branch = frame.branch();
        if (!childrenSilent(frame, state)) {
            branch.source = child.source;
        }
        if (children.mapRunArn != null) {
            run.emit(frame, MAP_RUN_FAILED, Payloads.errorDetails(child.error, child.cause));
        }
        runner.fail(frame, child.error, child.cause, true);
    }

    private static boolean withinTolerance(ChildrenState children) {
        if (children.toleratedFailureCount >= 0 && children.failed <= children.toleratedFailureCount) {
            return true;
        }
        return children.toleratedFailurePercentage >= 0
                && children.failed * 100.0 / children.total <= children.toleratedFailurePercentage;
    }

    /** Aborts the children still running, e.g. the siblings of the first one to fail. */
    void abortActive(Frame frame, State state) {
        ChildrenState children = frame.branch().children;
        boolean iterationEvents = state instanceof MapState && !childrenSilent(frame, state);
        for (BranchState sibling : new ArrayList<>(children.active)) {
            runner.abort(childFrame(frame, state, sibling, sibling.index));
            if (iterationEvents) {
                run.emitWithPrevious(frame, MAP_ITERATION_ABORTED, iterationDetails(state, sibling.index),
                        sibling.source);
            }
        }
        children.active.clear();
    }

    /** Ends the state with its children's {@code results}; a Map Run records its success first. */
    void complete(Frame frame, State state, String mapRunArn, JsonNode results) {
        BranchState branch = frame.branch();
        if (mapRunArn != null) {
            run.emit(frame, MAP_RUN_SUCCEEDED);
        }
        long previous = run.state.lastEventId();
        run.emitWithPrevious(frame, StateEvents.succeeded(state), previous);
        if (!frame.silent()) {
            branch.source = previous;
        }
        runner.guarded(frame, () -> runner.dialect(state).exitWithResult(runner, frame, state, ResultFields.of(state), results,
                runner.context(frame, results, true, null)));
    }

}
