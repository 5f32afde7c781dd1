package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stepwise.asl.Catcher;
import io.stepwise.asl.ErrorHandling;
import io.stepwise.asl.FailState;
import io.stepwise.asl.MapState;
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
import io.stepwise.query.StatesErrors;
import io.stepwise.query.StatesException;
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
    final StateTest test;
    private final StateTestDialect dialect;
    final ObjectNode inspection = Json.MAPPER.createObjectNode();
    final ObjectNode variables;
    /** The HTTP exchange the task made, shown after the data flow as AWS orders {@code inspectionData}. */
    private HttpTrace trace;

    private StateTester(StateTest test) {
        this.test = test;
        this.variables = test.variables() == null ? Json.MAPPER.createObjectNode() : test.variables().deepCopy();
        this.dialect = test.state().common().isJsonata() ? new StateTestJsonata(this) : new StateTestJsonPath(this);
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
            return dialect.run(state);
        } catch (StatesException e) {
            return failed(state, e.error(), e.cause(), false);
        }
    }

    /** The context object of one Map iteration: the state's, with {@code Map.Item.Index} and {@code Value}. */
    JsonNode itemContext(int index, JsonNode value) {
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
            StateTestDialect.Failure failure = dialect.failure(fail);
            error = failure.error();
            cause = failure.cause();
        } catch (StatesException e) {
            error = e.error();
            cause = e.cause();
        }
        return result("FAILED", null, error, cause, null);
    }

    static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : Json.write(value);
    }

    /** The Map's items when an ItemReader would read them: the configuration's {@code mapItemReaderData}. */
    int readerItems() {
        JsonNode data = test.configuration().mapItemReaderData();
        return data != null && data.isArray() ? data.size() : 0;
    }

    /**
     * With a tolerance set, more failed iterations than it allows fail the Map (AWS: a Map without
     * ToleratedFailureCount or ToleratedFailurePercentage reports the mocked result whatever the failure count).
     */
    void checkTolerance(MapState map, JsonNode count, JsonNode percentage, int items) {
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
    StateTest.Mock answer(State state, JsonNode taskInput, JsonNode credentials) {
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
    StateTestResult failed(State state, String error, String cause, boolean reportedByTask) {
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
                StateTestDialect.Caught caught = dialect.caught(catcher, errorOutput);
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

    StateTestResult succeeded(State state, JsonNode output, ObjectNode assigned, String next) {
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

    static String next(State state) {
        return state.common().end() || state instanceof SucceedState ? null : state.common().next();
    }

    ObjectNode assign(JsonNode assign, JsonNode dollar) {
        return assign == null ? null : (ObjectNode) test.fields().payload(assign).evaluate(ctx(dollar));
    }

    static ObjectNode merge(ObjectNode into, ObjectNode more) {
        if (more == null) {
            return into;
        }
        return into == null ? more : into.setAll(more);
    }

    EvalContext ctx(JsonNode input) {
        return new EvalContext(input, test::context, variables::get, () -> new SplittableRandom(0));
    }

    JsonNode inspect(String member, JsonNode value) {
        inspection.set(member, value);
        return value;
    }
}
