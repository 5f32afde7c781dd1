package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stepwise.asl.Catcher;
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
import io.stepwise.engine.port.HttpTrace;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.engine.port.TracingIntegration;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import io.stepwise.query.StatesException;
import io.stepwise.query.StatesErrors;
import io.stepwise.query.jsonata.JsonataLimits;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Runs one state on its own for the TestState API and records what AWS's {@code inspectionData} shows: the value
 * after each data-flow step, the Map's concurrency and tolerance, and which retrier or catcher took an error. Each
 * step is the engine's own: the state's {@link Dialect} evaluates its fields and result tail (and reports their
 * stages), {@link ChoiceProcessor#choose} picks the Choice rule, {@link ErrorMatcher} and {@link RetryDelay} judge
 * an error. There is no execution: nothing waits, a task's answer is the mock (or one call of the integration),
 * and a retry or catch is reported rather than followed.
 */
public final class StateTester {
    private final StateTest test;
    private final Dialect dialect;
    private final ObjectNode inspection = Json.MAPPER.createObjectNode();
    private final ObjectNode variables;
    /** The context over the state's raw input. */
    private final EvalContext ctx;
    /** The HTTP exchange the task made, shown after the data flow as AWS orders {@code inspectionData}. */
    private HttpTrace trace;

    private StateTester(StateTest test) {
        this.test = test;
        this.variables = test.variables() == null ? Json.MAPPER.createObjectNode() : test.variables().deepCopy();
        this.dialect = Dialect.of(test.state(), test.fields(), JsonataLimits.DEFAULT);
        this.ctx = new EvalContext(test.input(), test::context, variables::get, () -> new SplittableRandom(0));
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
            return runState(state);
        } catch (StatesException e) {
            return failed(state, e.error(), e.cause(), false);
        }
    }

    private StateTestResult runState(State state) {
        FieldScope scope = dialect.scope(state, ctx);
        if (state instanceof PassState pass) {
            JsonNode result = dialect.passResult(pass, ctx);
            if (result == null) {
                return exitWithInput(state, scope);
            }
            if (pass.result() != null) {
                inspect("result", result);
            } else {
                inspectStage("afterInputPath", scope.afterInputPath());
                inspect("afterParameters", result);
            }
            return withResult(state, result);
        }
        if (state instanceof ParallelState parallel) {
            dialect.parallelInput(parallel, ctx, ctx);
            return answered(state, answer(state, null, null));
        }
        inspectStage("afterInputPath", scope.afterInputPath());
        if (state instanceof ChoiceState choice) {
            ChoiceProcessor.Choice chosen = ChoiceProcessor.choose(choice, scope);
            return succeeded(chosen.output(), chosen.assigned(), chosen.next());
        }
        if (state instanceof TaskState task) {
            TaskCall call = dialect.taskCall(task, test.input(), ctx.withInput(scope.effectiveInput()));
            inspect("after" + dialect.argumentsField(), call.input());
            return answered(state, answer(state, call.input(), call.credentials()));
        }
        if (state instanceof MapState map) {
            return map(map, ctx.withInput(scope.effectiveInput()));
        }
        return exitWithInput(state, scope);
    }

    /** A state without a result (Succeed, Wait, a JSONata Pass) leaves with its Assign and Output (or OutputPath). */
    private StateTestResult exitWithInput(State state, FieldScope scope) {
        ObjectNode assigned = scope.assign(state.common().assign());
        return succeeded(scope.output(null), assigned, next(state));
    }

    private StateTestResult map(MapState map, EvalContext effectiveCtx) {
        MapItems items = dialect.mapItems(map, ctx, effectiveCtx);
        int count;
        if (map.itemReader() != null) {
            count = readerItems();
        } else {
            inspectStage("afterItemsPath", items.afterItemsPath());
            count = items.items().size();
            if (map.itemSelector() != null || map.jsonataItemSelector() != null) {
                ArrayNode selected = Json.MAPPER.createArrayNode();
                for (int i = 0; i < count; i++) {
                    JsonNode itemContext = itemContext(i, items.items().get(i));
                    selected.add(dialect.selectItem(map, new EvalContext(effectiveCtx.input(), () -> itemContext,
                            variables::get, () -> new SplittableRandom(0))));
                }
                inspect("afterItemSelector", selected);
            }
        }
        inspection.put("maxConcurrency", items.maxConcurrency());
        checkTolerance(map, dialect.toleratedFailureCount(map, ctx, effectiveCtx),
                dialect.toleratedFailurePercentage(map, ctx, effectiveCtx), count);
        return answered(map, answer(map, null, null));
    }

    /** A Task's, Parallel's or Map's answer: an error goes to Retry and Catch, a result through the result tail. */
    private StateTestResult answered(State state, StateTest.Mock answer) {
        if (answer.failed()) {
            return failed(state, answer.error(), answer.cause(), true);
        }
        if (state instanceof TaskState) {
            inspect("result", answer.result());
        }
        return withResult(state, answer.result());
    }

    private StateTestResult withResult(State state, JsonNode result) {
        Dialect.ResultStages stages = dialect.resultStages(state, ResultFields.of(state), test.input(), result,
                ctx.withInput(result), ctx, null);
        inspectStage("afterResultSelector", stages.afterResultSelector());
        inspectStage("afterResultPath", stages.afterResultPath());
        return succeeded(stages.output(), stages.assigned(), next(state));
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

    private StateTestResult fail(FailState fail) {
        String error;
        String cause;
        try {
            FieldScope scope = dialect.scope(fail, ctx);
            inspectStage("afterInputPath", scope.afterInputPath());
            error = scope.text(fail.error(), fail.errorPath(), "Error");
            cause = scope.text(fail.cause(), fail.causePath(), "Cause");
        } catch (StatesException e) {
            error = e.error();
            cause = e.cause();
        }
        return result("FAILED", null, error, cause, null);
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
     * What the task (or Map, Parallel) answered: the mock, or else the integration called with {@code taskInput}
     * and the Task's evaluated {@code credentials}, as the request's role; a callback task or a resource nothing
     * serves fails.
     */
    private StateTest.Mock answer(State state, JsonNode taskInput, JsonNode credentials) {
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
        TaskRequest request = new TaskRequest(context.path("Execution").path("Id").asText(null),
                context.path("State").path("Name").asText(null), task.resource(), taskInput,
                context.path("Task").path("Token").asText(null), null, null, credentials, test.roleArn());
        TaskOutcome outcome;
        try {
            if (integration.get() instanceof TracingIntegration tracing) {
                TracingIntegration.Traced traced = tracing.invokeTraced(request, test.revealSecrets());
                outcome = traced.outcome();
                trace = traced.trace();
            } else {
                outcome = integration.get().invoke(request);
            }
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
        ErrorHandling handling = ErrorHandling.of(state);
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
                Dialect.Caught caught = dialect.caught(catcher, errorOutput, ctx, null);
                assignVariables(caught.assigned());
                return result("CAUGHT_ERROR", caught.output(), error, cause, catcher.next());
            } catch (StatesException e) {
                return result("FAILED", null, e.error(), e.cause(), null);
            }
        }
        if (details.size() > 0) {
            inspection.set("errorDetails", details);
        }
        return result("FAILED", null, error, cause, null);
    }

    private StateTestResult succeeded(JsonNode output, ObjectNode assigned, String next) {
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
        if (trace != null) {
            HttpTrace.Request request = trace.request();
            inspection.set("request", members("protocol", request.protocol(), "method", request.method(),
                    "url", request.url(), "headers", request.headers(), "body", request.body()));
            HttpTrace.Response response = trace.response();
            if (response != null) {
                inspection.set("response", members("protocol", response.protocol(), "statusCode",
                        response.statusCode(), "statusMessage", response.statusMessage(), "headers",
                        response.headers(), "body", response.body()));
            }
        }
        return new StateTestResult(status, output, error, cause, next, inspection);
    }

    /** An object of the given name/value pairs, leaving out the absent ones as AWS does. */
    private static ObjectNode members(String... namesAndValues) {
        ObjectNode object = Json.MAPPER.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                object.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return object;
    }

    private static String next(State state) {
        return state.common().end() || state instanceof SucceedState ? null : state.common().next();
    }

    private void inspect(String member, JsonNode value) {
        inspection.set(member, value);
    }

    /** A stage the dialect reports: JSONPath's path stages are {@code null} in JSONata, which shows none. */
    private void inspectStage(String member, JsonNode value) {
        if (value != null) {
            inspection.set(member, value);
        }
    }
}
