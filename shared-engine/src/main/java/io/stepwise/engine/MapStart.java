package io.stepwise.engine;

import static io.stepwise.engine.history.HistoryEventType.MAP_STATE_STARTED;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.MapState;
import io.stepwise.engine.state.BranchState;
import io.stepwise.engine.state.ChildrenState;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import io.stepwise.query.StatesException;

/**
 * What an inline and a distributed Map do alike when they start: read the items and the concurrency limit (through
 * the dialect), announce {@code MapStateStarted} with the item count, and read the failure tolerance (through the
 * dialect too).
 */
final class MapStart {
    private MapStart() {
    }

    /** The context over the Map's effective input (InputPath applied), which its paths read. */
    static EvalContext effectiveContext(StateRunner runner, Frame frame, MapState map) {
        EvalContext ctx = runner.context(frame, frame.branch().stateInput);
        JsonNode effective = DataFlow.inputPath(map.common().inputPath(), ctx);
        return ctx.withInput(effective);
    }

    static ChildrenState children(StateRunner runner, Frame frame, MapState map, Dialect dialect,
            EvalContext effectiveCtx) {
        BranchState branch = frame.branch();
        ChildrenState children = new ChildrenState();
        MapItems items = dialect.mapItems(map, runner.context(frame, branch.stateInput), effectiveCtx);
        children.items = items.items();
        children.maxConcurrency = items.maxConcurrency();
        children.total = children.items.size();
        // A Map Run keeps its results with its children.
        children.results = map.distributed() ? null : ChildrenStep.emptyResults(children.total);
        // Only an ItemSelector reads it; without one the items are all a launch needs.
        children.selectorInput = map.itemSelector() != null || map.jsonataItemSelector() != null
                ? effectiveCtx.input() : null;
        runner.run().emit(frame, MAP_STATE_STARTED, Payloads.details().put("length", children.total));
        toleratedFailures(runner, frame, map, dialect, effectiveCtx, children);
        return children;
    }

    private static void toleratedFailures(StateRunner runner, Frame frame, MapState map, Dialect dialect,
            EvalContext ctx, ChildrenState children) {
        JsonNode count = dialect.toleratedFailureCount(map, runner.context(frame, frame.branch().stateInput), ctx);
        if (count != null && count.isNumber()) {
            if (count.asLong() < 0) {
                throw StatesException.runtime("ToleratedFailureCount cannot be negative.");
            }
            children.toleratedFailureCount = count.asLong();
        }
        JsonNode percentage = dialect.toleratedFailurePercentage(map, runner.context(frame, frame.branch().stateInput), ctx);
        if (percentage != null && percentage.isNumber()) {
            double value = percentage.asDouble();
            if (value < 0 || value > 100) {
                throw StatesException.runtime("ToleratedFailurePercentage must be between 0 and 100.");
            }
            children.toleratedFailurePercentage = value;
        }
    }

    static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : Json.write(value);
    }
}
