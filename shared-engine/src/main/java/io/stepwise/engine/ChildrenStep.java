package io.stepwise.engine;

import static io.stepwise.engine.history.HistoryEventType.MAP_ITERATION_ABORTED;
import static io.stepwise.engine.history.HistoryEventType.MAP_ITERATION_FAILED;
import static io.stepwise.engine.history.HistoryEventType.MAP_ITERATION_STARTED;
import static io.stepwise.engine.history.HistoryEventType.MAP_ITERATION_SUCCEEDED;
import static io.stepwise.engine.history.HistoryEventType.MAP_RUN_FAILED;
import static io.stepwise.engine.history.HistoryEventType.MAP_RUN_SUCCEEDED;

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
import io.stepwise.engine.state.Phase;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.StatesException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The children of Parallel and Map states: launch them while the concurrency limit allows, collect what they return,
 * and finish the state when the last one ends or the first one fails. The states' processors start them.
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

    static ArrayNode emptyResults(int size) {
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
        if (map.itemSelector() == null && map.jsonataItemSelector() == null) {
            return item;
        }
        ObjectNode mapItem = Json.MAPPER.createObjectNode();
        mapItem.put("Index", index);
        mapItem.set("Value", item);
        EvalContext ctx = new EvalContext(selectorInput, () -> run.context(frame, false, null, mapItem),
                frame::lookup, run::random, run::describe);
        return runner.dialect(map).selectItem(map, ctx);
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
