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
import io.stepwise.query.StatesException;
import io.stepwise.query.jsonata.JsonataBindings;
import io.stepwise.query.jsonata.JsonataExpression;
import io.stepwise.query.jsonata.JsonataLimits;
import java.time.Instant;

/**
 * The JSONata dialect of the states: {@code $states.input/result/errorOutput/context}, {@code Arguments},
 * {@code Output}, {@code Assign}, {@code Condition}, {@code Items}. There are no InputPath, ResultPath or
 * OutputPath: a state's output is its {@code Output}, or else its result (Task, Map, Parallel) or its input.
 * One per interpreter: it evaluates the definition's templates, compiled when it was parsed, within the
 * interpreter's limits.
 */
final class JsonataDialect implements Dialect {
    private final CompiledFields fields;
    private final JsonataLimits limits;

    JsonataDialect(CompiledFields fields, JsonataLimits limits) {
        this.fields = fields;
        this.limits = limits;
    }

    JsonataBindings bindings(StateRunner runner, Frame frame, JsonNode input) {
        Run run = runner.run();
        return JsonataBindings.of(new EvalContext(input, () -> run.context(frame, false, null, null), frame::lookup,
                run::random));
    }

    JsonNode evaluate(JsonNode template, JsonataBindings bindings, String field) {
        return fields.jsonata(template).evaluate(bindings, field, limits);
    }

    /** {@code Output}, or {@code fallback} when the state has none. */
    JsonNode output(State state, JsonataBindings bindings, JsonNode fallback) {
        JsonNode template = state.common().output();
        return template == null ? fallback : evaluate(template, bindings, "Output");
    }

    /** Every expression of {@code Assign} sees the variables as they were when the state was entered. */
    ObjectNode assign(JsonNode assign, JsonataBindings bindings) {
        if (assign == null) {
            return null;
        }
        return (ObjectNode) evaluate(assign, bindings, "Assign");
    }

    @Override
    public FieldScope scope(State state, EvalContext stateCtx) {
        return new JsonataScope(this, state, JsonataBindings.of(stateCtx));
    }

    @Override
    public JsonNode passResult(PassState pass, EvalContext stateCtx) {
        return null;
    }

    @Override
    public TaskCall taskCall(TaskState task, JsonNode stateInput, EvalContext ctx) {
        JsonataBindings bindings = JsonataBindings.of(ctx);
        JsonNode input = task.arguments() == null ? stateInput : evaluate(task.arguments(), bindings, "Arguments");
        JsonNode credentials = task.credentials() == null ? null
                : evaluate(task.credentials(), bindings, "Credentials");
        Integer timeout = task.timeoutSeconds() == null ? null
                : number(task.timeoutSeconds(), bindings, "TimeoutSeconds").intValue();
        Integer heartbeat = task.heartbeatSeconds() == null ? null
                : number(task.heartbeatSeconds(), bindings, "HeartbeatSeconds").intValue();
        return new TaskCall(input, credentials, timeout, heartbeat);
    }

    @Override
    public JsonNode parallelInput(ParallelState parallel, EvalContext stateCtx, EvalContext parametersCtx) {
        return parallel.arguments() == null ? stateCtx.input()
                : evaluate(parallel.arguments(), JsonataBindings.of(stateCtx), "Arguments");
    }

    @Override
    public MapItems mapItems(MapState map, EvalContext stateCtx, EvalContext effectiveCtx) {
        JsonataBindings bindings = JsonataBindings.of(stateCtx);
        ArrayNode items = map.itemReader() != null ? Json.MAPPER.createArrayNode() : items(map, bindings);
        int maxConcurrency = map.maxConcurrency() == null ? 0
                : number(map.maxConcurrency(), bindings, "MaxConcurrency").intValue();
        return new MapItems(items, maxConcurrency, null);
    }

    @Override
    public JsonNode toleratedFailureCount(MapState map, EvalContext stateCtx, EvalContext effectiveCtx) {
        return map.toleratedFailureCount() == null ? null : number(map.toleratedFailureCount(),
                JsonataBindings.of(stateCtx), "ToleratedFailureCount");
    }

    @Override
    public JsonNode toleratedFailurePercentage(MapState map, EvalContext stateCtx, EvalContext effectiveCtx) {
        return map.toleratedFailurePercentage() == null ? null : number(map.toleratedFailurePercentage(),
                JsonataBindings.of(stateCtx), "ToleratedFailurePercentage");
    }

    @Override
    public JsonNode selectItem(MapState map, EvalContext ctx) {
        return evaluate(map.jsonataItemSelector(), JsonataBindings.of(ctx), "ItemSelector");
    }

    @Override
    public boolean rereadsItems() {
        return false;
    }

    @Override
    public String argumentsField() {
        return "Arguments";
    }

    @Override
    public JsonNode evaluate(StateRunner runner, Frame frame, JsonNode field, String name, EvalContext ctx) {
        return evaluate(field, bindings(runner, frame, frame.branch().stateInput), name);
    }

    @Override
    public Instant waitDue(StateRunner runner, Frame frame, WaitState wait) {
        JsonNode input = frame.branch().stateInput;
        JsonataBindings bindings = bindings(runner, frame, input);
        return WaitProcessor.jsonataDueTime(runner.run().now, this, wait, bindings);
    }

    @Override
    public ResultStages resultStages(State state, ResultFields fields, JsonNode stateInput, JsonNode result,
            EvalContext ctx, EvalContext stateCtx, PayloadSizeMemo sizeMemo) {
        JsonataBindings bindings = JsonataBindings.of(ctx.withInput(stateInput)).withResult(result);
        ObjectNode assigned = assign(state.common().assign(), bindings);
        return new ResultStages(null, null, output(state, bindings, result), assigned);
    }

    @Override
    public Caught caught(Catcher catcher, ObjectNode errorOutput, EvalContext stateCtx, PayloadSizeMemo sizeMemo) {
        JsonataBindings bindings = JsonataBindings.of(stateCtx).withErrorOutput(errorOutput);
        ObjectNode assigned = assign(catcher.assign(), bindings);
        JsonNode output = catcher.output() == null ? errorOutput : evaluate(catcher.output(), bindings, "Output");
        return new Caught(output, assigned);
    }

    /** A JSONata field that must evaluate to a number of seconds ({@code TimeoutSeconds}, Wait {@code Seconds}). */
    JsonNode number(JsonNode field, JsonataBindings bindings, String name) {
        JsonNode value = field.isTextual() ? evaluate(field, bindings, name) : field;
        if (!value.isNumber()) {
            throw unexpectedType(field, name, "number", value);
        }
        return value;
    }

    /** Map {@code Items}: an array, an expression yielding one, or (absent) the state input, which must be one. */
    ArrayNode items(MapState map, JsonataBindings bindings) {
        if (map.items() == null) {
            JsonNode input = bindings.input();
            if (!input.isArray()) {
                throw StatesException.queryEvaluation("Map state input must be an array but was: " + Json.write(input));
            }
            return (ArrayNode) input;
        }
        JsonNode value = evaluate(map.items(), bindings, "Items");
        if (!value.isArray()) {
            throw unexpectedType(map.items(), "Items", "array", value);
        }
        return (ArrayNode) value;
    }

    StatesException unexpectedType(JsonNode field, String name, String expected, JsonNode value) {
        JsonataExpression expression = fields.jsonata(field).soleExpression();
        if (expression != null) {
            return expression.unexpectedResultType(name, expected, value);
        }
        return StatesException.queryEvaluation("The field '" + name + "' must be a " + expected + " but was: "
                + Json.write(value));
    }
}
