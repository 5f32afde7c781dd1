package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stepwise.asl.Catcher;
import io.stepwise.asl.ChoiceBranch;
import io.stepwise.asl.ChoiceState;
import io.stepwise.asl.ErrorHandling;
import io.stepwise.asl.FailState;
import io.stepwise.asl.MapState;
import io.stepwise.asl.ParallelState;
import io.stepwise.asl.PassState;
import io.stepwise.asl.Retrier;
import io.stepwise.asl.State;
import io.stepwise.asl.SucceedState;
import io.stepwise.asl.TaskState;
import io.stepwise.asl.WaitState;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.PayloadTemplate;
import io.stepwise.query.StatesErrors;
import io.stepwise.query.StatesException;
import io.stepwise.query.jsonata.JsonataBindings;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Runs one state on its own for the TestState API and records what AWS's {@code inspectionData} shows: the value
 * after each data-flow step, the Map's concurrency and tolerance, and which retrier or catcher took an error. It
 * uses the interpreter's data flow ({@link DataFlow}, payload templates, JSONata templates, {@link ErrorMatcher},
 * {@link RetryDelay}) but no execution: nothing waits, a task's answer is the mock, and a retry or catch is
 * reported rather than followed.
 */
public final class StateTester {
    private final StateTest test;
    private final ObjectNode inspection = Json.MAPPER.createObjectNode();
    private final ObjectNode variables;

    private StateTester(StateTest test) {
        this.test = test;
        this.variables = test.variables() == null ? Json.MAPPER.createObjectNode() : test.variables().deepCopy();
    }

    /** Runs {@code test}; every failure of the state is in the result, never thrown. */
    public static StateTestResult run(StateTest test) {
        return new StateTester(test).run();
    }

    private StateTestResult run() {
        State state = test.state();
        inspect("input", test.input());
        if (state instanceof FailState fail) {
            return fail(fail);
        }
        try {
            return state.common().isJsonata() ? jsonata(state) : jsonPath(state);
        } catch (StatesException e) {
            return failed(state, e.error(), e.cause(), false);
        }
    }

    // ---- JSONPath --------------------------------------------------------------------------------------------

    private StateTestResult jsonPath(State state) {
        JsonNode raw = test.input();
        if (state instanceof PassState pass) {
            JsonNode result;
            if (pass.result() != null) {
                result = pass.result();
                inspect("result", result);
            } else {
                JsonNode effective = inspect("afterInputPath", DataFlow.inputPath(pass.common().inputPath(), ctx(raw)));
                result = pass.parameters() == null ? effective : pass.parameters().evaluate(ctx(effective));
                inspect("afterParameters", result);
            }
            inspect("afterResultSelector", result);
            ObjectNode assigned = assign(pass.common().assign(), result);
            JsonNode merged = inspect("afterResultPath", DataFlow.resultPath(pass.resultPath(), raw, result));
            return succeeded(state, DataFlow.outputPath(pass.common().outputPath(), ctx(merged)), assigned, next(state));
        }
        if (state instanceof ChoiceState choice) {
            JsonNode effective = inspect("afterInputPath", DataFlow.inputPath(choice.common().inputPath(), ctx(raw)));
            EvalContext ctx = ctx(effective);
            ObjectNode assigned = assign(choice.common().assign(), effective);
            String next = null;
            for (ChoiceBranch rule : choice.choices()) {
                if (rule.rule() != null && rule.rule().matches(ctx)) {
                    next = rule.next();
                    assigned = merge(assigned, assign(rule.assign(), effective));
                    break;
                }
            }
            if (next == null) {
                next = choice.defaultNext();
            }
            if (next == null) {
                throw new StatesException(StatesErrors.NO_CHOICE_MATCHED, "No Matches!");
            }
            return succeeded(state, DataFlow.outputPath(choice.common().outputPath(), ctx), assigned, next);
        }
        if (state instanceof SucceedState || state instanceof WaitState) {
            JsonNode effective = inspect("afterInputPath", DataFlow.inputPath(state.common().inputPath(), ctx(raw)));
            JsonNode output = DataFlow.outputPath(state.common().outputPath(), ctx(effective));
            return succeeded(state, output, null, next(state));
        }
        if (state instanceof TaskState task) {
            JsonNode effective = inspect("afterInputPath", DataFlow.inputPath(task.common().inputPath(), ctx(raw)));
            EvalContext taskCtx = ctx(effective);
            JsonNode parameters = inspect("afterParameters",
                    task.parameters() == null ? effective : task.parameters().evaluate(taskCtx));
            return jsonPathResult(task, task.resultSelector(), task.resultPath(), raw, answer(task, parameters));
        }
        if (state instanceof ParallelState parallel) {
            DataFlow.inputPath(parallel.common().inputPath(), ctx(raw));
            return jsonPathResult(parallel, parallel.resultSelector(), parallel.resultPath(), raw, answer(parallel, null));
        }
        MapState map = (MapState) state;
        JsonNode effective = inspect("afterInputPath", DataFlow.inputPath(map.common().inputPath(), ctx(raw)));
        EvalContext ctx = ctx(effective);
        int items;
        if (map.itemReader() != null) {
            items = readerItems();
        } else {
            JsonNode selected = readItems(map.itemsPath(), ctx);
            inspect("afterItemsPath", selected);
            items = selected.size();
            if (map.itemSelector() != null) {
                ArrayNode selectedItems = Json.MAPPER.createArrayNode();
                for (int i = 0; i < selected.size(); i++) {
                    JsonNode itemContext = itemContext(i, selected.get(i));
                    selectedItems.add(map.itemSelector().evaluate(
                            new EvalContext(effective, () -> itemContext, variables::get, () -> new SplittableRandom(0))));
                }
                inspect("afterItemSelector", selectedItems);
            }
        }
        inspection.put("maxConcurrency", jsonPathMaxConcurrency(map, ctx));
        checkTolerance(map, jsonPathNumber(map.toleratedFailureCount(), map.toleratedFailureCountPath(), ctx),
                jsonPathNumber(map.toleratedFailurePercentage(), map.toleratedFailurePercentagePath(), ctx), items);
        return jsonPathResult(map, map.resultSelector(), map.resultPath(), raw, answer(map, null));
    }

    /** A task's, Parallel's or Map's answer through ResultSelector, ResultPath and OutputPath. */
    private StateTestResult jsonPathResult(State state, PayloadTemplate resultSelector,
            io.stepwise.asl.DataPath resultPath, JsonNode raw, StateTest.Mock answer) {
        if (answer.failed()) {
            return failed(state, answer.error(), answer.cause(), true);
        }
        JsonNode result = answer.result();
        if (state instanceof TaskState) {
            inspect("result", result);
        }
        EvalContext resultCtx = ctx(result);
        JsonNode selected = inspect("afterResultSelector",
                resultSelector == null ? result : resultSelector.evaluate(resultCtx));
        ObjectNode assigned = assign(state.common().assign(), selected);
        JsonNode merged = inspect("afterResultPath", DataFlow.resultPath(resultPath, raw, selected));
        return succeeded(state, DataFlow.outputPath(state.common().outputPath(), ctx(merged)), assigned, next(state));
    }

    private static JsonNode readItems(JsonPathExpression path, EvalContext ctx) {
        JsonNode items;
        try {
            items = path.read(ctx);
        } catch (JsonPathExpression.PathNotFound e) {
            throw StatesException.runtime("Invalid path '" + path.text() + "' : " + e.getMessage());
        }
        if (!items.isArray()) {
            // AWS names a context path without its first "$" here: "$$.Execution.Input" as "$.Execution.Input".
            String text = path.text().startsWith("$$") ? path.text().substring(1) : path.text();
            throw StatesException.runtime("Reference path \"" + text + "\" must point to array.");
        }
        return items;
    }

    private static int jsonPathMaxConcurrency(MapState map, EvalContext ctx) {
        JsonNode value = jsonPathNumber(map.maxConcurrency(), map.maxConcurrencyPath(), ctx);
        return value == null ? 0 : value.intValue();
    }

    private static JsonNode jsonPathNumber(JsonNode fixed, JsonPathExpression path, EvalContext ctx) {
        if (fixed != null) {
            return fixed;
        }
        if (path == null) {
            return null;
        }
        try {
            return path.read(ctx);
        } catch (JsonPathExpression.PathNotFound e) {
            throw StatesException.runtime("Invalid path '" + path.text() + "' : " + e.getMessage());
        }
    }

    // ---- JSONata ---------------------------------------------------------------------------------------------

    private StateTestResult jsonata(State state) {
        JsonNode input = test.input();
        JsonataBindings bindings = JsonataBindings.of(ctx(input));
        if (state instanceof PassState || state instanceof SucceedState || state instanceof WaitState) {
            ObjectNode assigned = assign(state.common().assign(), bindings);
            return succeeded(state, output(state, bindings, input), assigned, next(state));
        }
        if (state instanceof ChoiceState choice) {
            ObjectNode assigned = assign(choice.common().assign(), bindings);
            for (ChoiceBranch rule : choice.choices()) {
                JsonNode value = evaluate(rule.condition(), bindings, "Condition");
                if (!value.isBoolean()) {
                    throw StatesException.queryEvaluation("The field 'Condition' must be a boolean but was: "
                            + Json.write(value));
                }
                if (value.booleanValue()) {
                    assigned = merge(assigned, assign(rule.assign(), bindings));
                    JsonNode output = rule.output() != null ? evaluate(rule.output(), bindings, "Output")
                            : output(choice, bindings, input);
                    return succeeded(state, output, assigned, rule.next());
                }
            }
            if (choice.defaultNext() == null) {
                throw new StatesException(StatesErrors.NO_CHOICE_MATCHED, "No Matches!");
            }
            return succeeded(state, output(choice, bindings, input), assigned, choice.defaultNext());
        }
        JsonNode arguments = null;
        if (state instanceof TaskState task) {
            arguments = inspect("afterArguments", task.arguments() == null ? input
                    : evaluate(task.arguments(), bindings, "Arguments"));
        } else if (state instanceof ParallelState parallel && parallel.arguments() != null) {
            evaluate(parallel.arguments(), bindings, "Arguments");
        } else if (state instanceof MapState map) {
            int items = map.itemReader() != null ? readerItems() : jsonataItems(map, bindings);
            JsonNode max = map.maxConcurrency() == null ? null : number(map.maxConcurrency(), bindings, "MaxConcurrency");
            inspection.put("maxConcurrency", max == null ? 0 : max.intValue());
            JsonNode count = map.toleratedFailureCount() == null ? null
                    : number(map.toleratedFailureCount(), bindings, "ToleratedFailureCount");
            JsonNode percentage = map.toleratedFailurePercentage() == null ? null
                    : number(map.toleratedFailurePercentage(), bindings, "ToleratedFailurePercentage");
            checkTolerance(map, count, percentage, items);
        }
        StateTest.Mock answer = answer(state, arguments);
        if (answer.failed()) {
            return failed(state, answer.error(), answer.cause(), true);
        }
        JsonNode result = answer.result();
        if (state instanceof TaskState) {
            inspect("result", result);
        }
        JsonataBindings withResult = bindings.withResult(result);
        ObjectNode assigned = assign(state.common().assign(), withResult);
        return succeeded(state, output(state, withResult, result), assigned, next(state));
    }

    private int jsonataItems(MapState map, JsonataBindings bindings) {
        JsonNode items = map.items() == null ? bindings.input() : evaluate(map.items(), bindings, "Items");
        if (!items.isArray()) {
            throw StatesException.queryEvaluation("The field 'Items' must be an array but was: " + Json.write(items));
        }
        if (map.jsonataItemSelector() != null) {
            ArrayNode selected = Json.MAPPER.createArrayNode();
            for (int i = 0; i < items.size(); i++) {
                JsonataBindings itemBindings = new JsonataBindings(bindings.input(), null, null,
                        itemContext(i, items.get(i)), bindings.variables(), bindings.random());
                selected.add(evaluate(map.jsonataItemSelector(), itemBindings, "ItemSelector"));
            }
            inspect("afterItemSelector", selected);
        }
        return items.size();
    }

    /** The context object of one Map iteration: the state's, with {@code Map.Item.Index} and {@code Value}. */
    private JsonNode itemContext(int index, JsonNode value) {
        ObjectNode context = test.context().isObject() ? (ObjectNode) test.context().deepCopy()
                : Json.MAPPER.createObjectNode();
        ObjectNode item = context.putObject("Map").putObject("Item");
        item.put("Index", index);
        item.set("Value", value);
        return context;
    }

    private JsonNode number(JsonNode field, JsonataBindings bindings, String name) {
        JsonNode value = field.isTextual() ? evaluate(field, bindings, name) : field;
        if (!value.isNumber()) {
            throw StatesException.queryEvaluation("The field '" + name + "' must be a number but was: "
                    + Json.write(value));
        }
        return value;
    }

    private static JsonNode evaluate(JsonNode template, JsonataBindings bindings, String field) {
        return JsonataStep.template(template).evaluate(bindings, field);
    }

    private static JsonNode output(State state, JsonataBindings bindings, JsonNode fallback) {
        JsonNode template = state.common().output();
        return template == null ? fallback : evaluate(template, bindings, "Output");
    }

    private static ObjectNode assign(JsonNode assign, JsonataBindings bindings) {
        return assign == null ? null : (ObjectNode) evaluate(assign, bindings, "Assign");
    }

    // ---- shared ----------------------------------------------------------------------------------------------

    private StateTestResult fail(FailState fail) {
        JsonNode input = test.input();
        String error;
        String cause;
        try {
            if (fail.common().isJsonata()) {
                JsonataBindings bindings = JsonataBindings.of(ctx(input));
                error = fail.error() == null ? null : text(evaluate(fail.error(), bindings, "Error"));
                cause = fail.cause() == null ? null : text(evaluate(fail.cause(), bindings, "Cause"));
            } else {
                inspect("afterInputPath", input);
                EvalContext ctx = ctx(input);
                error = fail.error() != null ? fail.error().asText() : pathValue(fail.errorPath(), "ErrorPath", ctx);
                cause = fail.cause() != null ? fail.cause().asText() : pathValue(fail.causePath(), "CausePath", ctx);
            }
        } catch (StatesException e) {
            error = e.error();
            cause = e.cause();
        }
        return result("FAILED", null, error, cause, null);
    }

    private static String pathValue(String pathOrIntrinsic, String field, EvalContext ctx) {
        if (pathOrIntrinsic == null) {
            return null;
        }
        ObjectNode template = Json.MAPPER.createObjectNode().put(field + ".$", pathOrIntrinsic);
        return text(PayloadTemplate.compile(template).evaluate(ctx).get(field));
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : Json.write(value);
    }

    /** The Map's items when an ItemReader would read them: the configuration's {@code mapItemReaderData}. */
    private int readerItems() {
        JsonNode data = test.configuration().mapItemReaderData();
        return data != null && data.isArray() ? data.size() : 0;
    }

    /**
     * With a tolerance set, more failed iterations than it allows fail the Map (AWS: a Map without
     * ToleratedFailureCount or ToleratedFailurePercentage reports the mocked result whatever the failure count).
     */
    private void checkTolerance(MapState map, JsonNode count, JsonNode percentage, int items) {
        if (count != null) {
            inspection.put("toleratedFailureCount", count.intValue());
        }
        if (percentage != null) {
            inspection.put("toleratedFailurePercentage", percentage.floatValue());
        }
        int failures = test.configuration().mapIterationFailureCount();
        boolean exceeded = count != null && failures > count.longValue();
        if (!exceeded && percentage != null && items > 0) {
            exceeded = failures * 100.0 / items > percentage.doubleValue();
        }
        if (exceeded && (test.mock() == null || !test.mock().failed())) {
            throw new StatesException(StatesErrors.EXCEED_TOLERATED_FAILURE_THRESHOLD,
                    "The specified tolerated failure threshold was exceeded");
        }
    }

    /**
     * What the task (or Map, Parallel) answered: the mock, or else the integration called with {@code taskInput};
     * a callback task or a resource nothing serves fails.
     */
    private StateTest.Mock answer(State state, JsonNode taskInput) {
        if (test.mock() != null) {
            return test.mock();
        }
        if (!(state instanceof TaskState task)) {
            return StateTest.Mock.ofError(StatesErrors.RUNTIME, "A " + state.common().type()
                    + " state is tested only with a mock of its result");
        }
        Optional<Integration> integration = test.integrations() == null ? Optional.empty()
                : test.integrations().find(task.resource());
        if (integration.isEmpty()) {
            return StateTest.Mock.ofError(StatesErrors.TASK_FAILED,
                    "No integration is configured for resource '" + task.resource() + "'.");
        }
        JsonNode context = test.context();
        TaskOutcome outcome;
        try {
            outcome = integration.get().invoke(new TaskRequest(context.path("Execution").path("Id").asText(null),
                    context.path("State").path("Name").asText(null), task.resource(), taskInput,
                    context.path("Task").path("Token").asText(null), null, null, task.credentials()));
        } catch (RuntimeException e) {
            return StateTest.Mock.ofError(e.getClass().getName(), String.valueOf(e.getMessage()));
        }
        if (outcome instanceof TaskOutcome.Succeeded succeeded) {
            return StateTest.Mock.ofResult(succeeded.output());
        }
        if (outcome instanceof TaskOutcome.Failed failure) {
            return StateTest.Mock.ofError(failure.error(), failure.cause());
        }
        return StateTest.Mock.ofError(StatesErrors.RUNTIME, "A callback task is tested only with a mock of its result");
    }

    /**
     * The state failed with {@code error}: RETRIABLE when a retrier has attempts left (at the configured retry
     * count), else CAUGHT_ERROR when a catcher takes it, else FAILED; {@code errorDetails} names the retrier
     * and catcher that matched.
     */
    private StateTestResult failed(State state, String error, String cause, boolean reportedByTask) {
        ErrorHandling handling = errorHandling(state);
        ObjectNode details = Json.MAPPER.createObjectNode();
        for (int i = 0; i < handling.retriers().size(); i++) {
            Retrier retrier = handling.retriers().get(i);
            if (!ErrorMatcher.matches(retrier.errorEquals(), error, reportedByTask)) {
                continue;
            }
            int attempts = test.configuration().retrierRetryCount();
            if (attempts < retrier.maxAttempts()) {
                Duration delay = RetryDelay.of(retrier, attempts, new SplittableRandom(0));
                details.put("retryBackoffIntervalSeconds", (int) delay.toSeconds());
                details.put("retryIndex", i);
                inspection.set("errorDetails", details);
                return result("RETRIABLE", null, error, cause, null);
            }
            details.put("retryIndex", i);
            break;
        }
        for (int i = 0; i < handling.catchers().size(); i++) {
            Catcher catcher = handling.catchers().get(i);
            if (!ErrorMatcher.matches(catcher.errorEquals(), error, reportedByTask)) {
                continue;
            }
            details.put("catchIndex", i);
            inspection.set("errorDetails", details);
            ObjectNode errorOutput = Json.MAPPER.createObjectNode();
            errorOutput.set("Error", error == null ? null : TextNode.valueOf(error));
            errorOutput.set("Cause", cause == null ? null : TextNode.valueOf(cause));
            try {
                JsonNode output;
                ObjectNode assigned;
                if (state.common().isJsonata()) {
                    JsonataBindings bindings = JsonataBindings.of(ctx(test.input())).withErrorOutput(errorOutput);
                    assigned = assign(catcher.assign(), bindings);
                    output = catcher.output() == null ? errorOutput : evaluate(catcher.output(), bindings, "Output");
                } else {
                    assigned = assign(catcher.assign(), errorOutput);
                    output = DataFlow.resultPath(catcher.resultPath(), test.input(), errorOutput);
                }
                assignVariables(assigned);
                return result("CAUGHT_ERROR", output, error, cause, catcher.next());
            } catch (StatesException e) {
                return result("FAILED", null, e.error(), e.cause(), null);
            }
        }
        if (details.size() > 0) {
            inspection.set("errorDetails", details);
        }
        return result("FAILED", null, error, cause, null);
    }

    private static ErrorHandling errorHandling(State state) {
        if (state instanceof TaskState task) {
            return task.errorHandling();
        }
        if (state instanceof ParallelState parallel) {
            return parallel.errorHandling();
        }
        if (state instanceof MapState map) {
            return map.errorHandling();
        }
        return ErrorHandling.NONE;
    }

    private StateTestResult succeeded(State state, JsonNode output, ObjectNode assigned, String next) {
        assignVariables(assigned);
        return result("SUCCEEDED", output, null, null, next);
    }

    private void assignVariables(ObjectNode assigned) {
        if (assigned != null) {
            variables.setAll(assigned);
        }
    }

    private StateTestResult result(String status, JsonNode output, String error, String cause, String next) {
        if (variables.size() > 0) {
            inspection.set("variables", variables);
        }
        return new StateTestResult(status, output, error, cause, next, inspection);
    }

    private static String next(State state) {
        return state.common().end() || state instanceof SucceedState ? null : state.common().next();
    }

    private ObjectNode assign(JsonNode assign, JsonNode dollar) {
        return assign == null ? null : (ObjectNode) PayloadTemplate.compile(assign).evaluate(ctx(dollar));
    }

    private static ObjectNode merge(ObjectNode into, ObjectNode more) {
        if (more == null) {
            return into;
        }
        return into == null ? more : into.setAll(more);
    }

    private EvalContext ctx(JsonNode input) {
        return new EvalContext(input, test::context, variables::get, () -> new SplittableRandom(0));
    }

    private JsonNode inspect(String member, JsonNode value) {
        inspection.set(member, value);
        return value;
    }
}
