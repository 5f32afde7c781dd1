package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.Catcher;
import io.stepwise.asl.CompiledFields;
import io.stepwise.asl.MapState;
import io.stepwise.asl.ParallelState;
import io.stepwise.asl.PassState;
import io.stepwise.asl.State;
import io.stepwise.asl.TaskState;
import io.stepwise.asl.WaitState;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.StatesException;
import java.time.Instant;

/**
 * The JSONPath dialect: InputPath, Parameters/Result, ResultSelector, ResultPath and OutputPath; {@code $} in
 * {@code Assign} is the result (Pass, Task, Parallel, Map), the effective input (Choice, Wait) or the error output
 * (Catch).
 */
final class JsonPathDialect implements Dialect {
    private final CompiledFields fields;

    JsonPathDialect(CompiledFields fields) {
        this.fields = fields;
    }

    /**
     * Evaluates an {@code Assign} block against the values at state entry. The assignments take effect when
     * the state exits, so every expression of the block sees the old values.
     *
     * @param stateCtx the state's context, whose input is replaced by {@code dollar}
     */
    ObjectNode assign(JsonNode assign, EvalContext stateCtx, JsonNode dollar) {
        if (assign == null) {
            return null;
        }
        return (ObjectNode) fields.payload(assign).evaluate(stateCtx.withInput(dollar));
    }

    @Override
    public FieldScope scope(State state, EvalContext stateCtx) {
        return new JsonPathScope(this, state, stateCtx);
    }

    @Override
    public JsonNode passResult(PassState pass, EvalContext stateCtx) {
        JsonNode effective = DataFlow.inputPath(pass.common().inputPath(), stateCtx.input(), () -> stateCtx);
        if (pass.result() != null) {
            return pass.result();
        }
        return pass.parameters() != null ? pass.parameters().evaluate(stateCtx.withInput(effective)) : effective;
    }

    @Override
    public TaskCall taskCall(TaskState task, JsonNode stateInput, EvalContext ctx) {
        JsonNode input = task.parameters() == null ? ctx.input() : task.parameters().evaluate(ctx);
        Integer timeout = seconds(task.timeoutSeconds(), task.timeoutSecondsPath(), ctx, "TimeoutSecondsPath");
        Integer heartbeat = seconds(task.heartbeatSeconds(), task.heartbeatSecondsPath(), ctx, "HeartbeatSecondsPath");
        JsonNode credentials = task.credentials() == null ? null
                : fields.payload(task.credentials()).evaluate(ctx);
        return new TaskCall(input, credentials, timeout, heartbeat);
    }

    private static Integer seconds(JsonNode fixed, JsonPathExpression path, EvalContext ctx, String field) {
        if (fixed != null && fixed.isNumber()) {
            return fixed.intValue();
        }
        if (path == null) {
            return null;
        }
        JsonNode value;
        try {
            value = path.read(ctx);
        } catch (JsonPathExpression.PathNotFound e) {
            throw StatesException.runtime("Invalid path '" + path.text() + "' : " + e.getMessage());
        }
        if (!value.isIntegralNumber() || value.asLong() <= 0) {
            throw StatesException.runtime("The " + field + " parameter references an invalid value: "
                    + path.text() + " == " + value);
        }
        return value.intValue();
    }

    @Override
    public JsonNode parallelInput(ParallelState parallel, EvalContext stateCtx, EvalContext parametersCtx) {
        JsonNode effective = DataFlow.inputPath(parallel.common().inputPath(), stateCtx);
        return parallel.parameters() == null ? effective
                : parallel.parameters().evaluate(parametersCtx.withInput(effective));
    }

    @Override
    public MapItems mapItems(MapState map, EvalContext stateCtx, EvalContext effectiveCtx) {
        // MaxConcurrencyPath is read before ItemsPath, so its failure wins (LocalStack's state_map.py, built to match
        // AWS's recordings of test_max_concurrency_path).
        int maxConcurrency = maxConcurrency(map, effectiveCtx);
        JsonNode items = map.itemReader() != null ? Json.MAPPER.createArrayNode()
                : ChildrenStep.read(map.itemsPath(), effectiveCtx);
        if (!items.isArray()) {
            // Recorded (TestState, test_state_map_context_object): AWS names a context path without its first "$",
            // "$$.Execution.Input" as "$.Execution.Input".
            String path = map.itemsPath().text();
            throw StatesException.runtime("Reference path \"" + (path.startsWith("$$") ? path.substring(1) : path)
                    + "\" must point to array.");
        }
        return new MapItems((ArrayNode) items, maxConcurrency, map.itemReader() != null ? null : (ArrayNode) items);
    }

    private static int maxConcurrency(MapState map, EvalContext ctx) {
        if (map.maxConcurrency() != null && map.maxConcurrency().isNumber()) {
            return map.maxConcurrency().intValue();
        }
        if (map.maxConcurrencyPath() != null) {
            JsonNode value = ChildrenStep.read(map.maxConcurrencyPath(), ctx);
            if (!value.isIntegralNumber() || value.asLong() < 0) {
                throw StatesException.runtime("The MaxConcurrencyPath field refers to value \"" + MapStart.text(value)
                        + "\" which is not a valid integer: " + map.maxConcurrencyPath().text());
            }
            return value.intValue();
        }
        return 0;
    }

    @Override
    public JsonNode toleratedFailureCount(MapState map, EvalContext stateCtx, EvalContext effectiveCtx) {
        if (map.toleratedFailureCountPath() == null) {
            return map.toleratedFailureCount();
        }
        JsonNode count = ChildrenStep.read(map.toleratedFailureCountPath(), effectiveCtx);
        if (!count.isIntegralNumber()) {
            throw StatesException.runtime("The ToleratedFailureCountPath field refers to value \"" + MapStart.text(count)
                    + "\" which is not a valid integer: " + map.toleratedFailureCountPath().text());
        }
        return count;
    }

    @Override
    public JsonNode toleratedFailurePercentage(MapState map, EvalContext stateCtx,
            EvalContext effectiveCtx) {
        if (map.toleratedFailurePercentagePath() == null) {
            return map.toleratedFailurePercentage();
        }
        JsonNode percentage = ChildrenStep.read(map.toleratedFailurePercentagePath(), effectiveCtx);
        if (!percentage.isNumber()) {
            throw StatesException.runtime("The ToleratedFailurePercentagePath field refers to value \""
                    + MapStart.text(percentage) + "\" which is not a valid float: "
                    + map.toleratedFailurePercentagePath().text());
        }
        return percentage;
    }

    @Override
    public JsonNode selectItem(MapState map, EvalContext ctx) {
        return map.itemSelector().evaluate(ctx);
    }

    @Override
    public boolean rereadsItems() {
        return true;
    }

    @Override
    public String argumentsField() {
        return "Parameters";
    }

    @Override
    public JsonNode evaluate(StateRunner runner, Frame frame, JsonNode field, String name, EvalContext ctx) {
        return fields.payload(field).evaluate(ctx);
    }

    @Override
    public Instant waitDue(StateRunner runner, Frame frame, WaitState wait) {
        JsonNode input = frame.branch().stateInput;
        JsonNode effective = DataFlow.inputPath(wait.common().inputPath(), runner.context(frame, input));
        return WaitProcessor.jsonPathDueTime(runner.run().now, wait, runner.context(frame, effective));
    }

    @Override
    public ResultStages resultStages(State state, ResultFields fields, JsonNode stateInput, JsonNode result,
            EvalContext ctx, EvalContext stateCtx, PayloadSizeMemo sizeMemo) {
        JsonNode selected = fields.resultSelector() == null ? result : fields.resultSelector().evaluate(ctx);
        ObjectNode assigned = assign(state.common().assign(), stateCtx, selected);
        JsonNode merged = DataFlow.resultPath(fields.resultPath(), stateInput, selected, sizeMemo);
        JsonNode out = DataFlow.outputPath(state.common().outputPath(), merged, () -> ctx.withInput(merged));
        return new ResultStages(selected, merged, out, assigned);
    }

    @Override
    public Caught caught(Catcher catcher, ObjectNode errorOutput, EvalContext stateCtx, PayloadSizeMemo sizeMemo) {
        ObjectNode assigned = assign(catcher.assign(), stateCtx, errorOutput);
        JsonNode output = DataFlow.resultPath(catcher.resultPath(), stateCtx.input(), errorOutput, sizeMemo);
        return new Caught(output, assigned);
    }
}
