package io.stepwise.api;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.port.InMemoryActivityStore;
import io.stepwise.engine.port.InMemoryExecutionStore;
import io.stepwise.engine.port.InMemoryStateMachineStore;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskTokenLookup;
import io.stepwise.engine.port.Timer;
import io.stepwise.query.Json;
import io.stepwise.runtime.ActivityRouting;
import io.stepwise.runtime.Delivery;
import io.stepwise.runtime.ExpressLauncher;
import io.stepwise.runtime.ExpressRunner;
import io.stepwise.runtime.InMemoryActivityQueue;
import io.stepwise.runtime.TaskDispatcher;
import io.stepwise.runtime.TaskInvoker;
import io.stepwise.runtime.TestTimerServices;
import io.stepwise.runtime.TransitionRunner;
import io.stepwise.runtime.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The API service over in-memory adapters and a runtime without threads: dispatched tasks and launched Express
 * executions wait in {@link #work} until the test {@link #drain}s them in its own thread, and timers fire when the
 * test moves the virtual clock. So every test sees each step of an execution happen where it asks.
 */
final class ApiFixture {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String ROLE = "arn:aws:iam::123456789012:role/r";
    static final String ECHO = "arn:aws:lambda:us-east-1:123456789012:function:echo";
    /** Fails its first call, then echoes: what a redrive retries. */
    static final String FLAKY = "arn:aws:lambda:us-east-1:123456789012:function:flaky";
    static final String CALLBACK = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";

    final VirtualClock clock = new VirtualClock(T0);
    final InMemoryExecutionStore store = new InMemoryExecutionStore();
    final InMemoryActivityQueue activityQueue = new InMemoryActivityQueue();
    /** Task tokens the callback integration was handed, oldest first. */
    final Deque<String> callbackTokens = new ArrayDeque<>();
    /** The thread of every echo call. */
    final List<Thread> echoThreads = new ArrayList<>();
    /** Tasks dispatched and Express executions launched, not run yet. */
    final Deque<Runnable> work = new ArrayDeque<>();
    final ExpressRunner expressRunner;
    final TransitionRunner runner;
    final StepFunctionsService service;
    private int flakyCalls;
    /** How many more Express executions the launcher takes. */
    int expressCapacity = Integer.MAX_VALUE;

    ApiFixture() {
        this(UnaryOperator.identity(), StartHook.NONE);
    }

    /** @param wrapTokens wraps the task token lookup the API sees, e.g. to make it fail */
    ApiFixture(UnaryOperator<TaskTokenLookup> wrapTokens, StartHook startHook) {
        IntegrationRegistry integrations = new ActivityRouting(activityQueue, this::integration);
        TaskInvoker invoker = new TaskInvoker(integrations);
        TaskDispatcher dispatcher = (executionArn, task) -> work.add(() ->
                invoker.invoke(executionArn, task).ifPresent(answer -> runner().deliver(executionArn, answer)));
        // The timers are stored by the commit; fireDueTimers reads them.
        runner = new TransitionRunner(store, clock, dispatcher, TestTimerServices.readingStore(store));
        expressRunner = new ExpressRunner(integrations, clock);
        ExpressLauncher launcher = (start, definition) -> launch(start, definition);
        InMemoryStateMachineStore machines = new InMemoryStateMachineStore();
        service = new StepFunctionsService(new Backend(machines, machines, store, wrapTokens.apply(store),
                new InMemoryActivityStore(), runner, expressRunner, launcher, activityQueue, clock,
                Arns.defaults(), startHook, null));
    }

    /** The dispatcher is built before the runner it answers to, so it reaches the runner through this. */
    private TransitionRunner runner() {
        return runner;
    }

    private boolean launch(ExecutionStart start, String definition) {
        if (expressCapacity == 0) {
            return false;
        }
        expressCapacity--;
        work.add(() -> expressRunner.run(start, definition));
        return true;
    }

    private Optional<Integration> integration(String resource) {
        return switch (resource) {
            case ECHO -> Optional.of(request -> {
                echoThreads.add(Thread.currentThread());
                return new TaskOutcome.Succeeded(request.input());
            });
            case FLAKY -> Optional.of(request -> flakyCalls++ == 0
                    ? new TaskOutcome.Failed("Flaky.Error", "first call")
                    : new TaskOutcome.Succeeded(request.input()));
            case CALLBACK -> Optional.of(request -> {
                callbackTokens.add(request.taskToken());
                return new TaskOutcome.Pending();
            });
            default -> Optional.empty();
        };
    }

    /** Runs every dispatched task and launched execution, and what they lead to, in this thread. */
    void drain() {
        for (Runnable next = work.poll(); next != null; next = work.poll()) {
            next.run();
        }
    }

    /** Moves the clock on and fires the timers then due, as a timer service would. */
    void advance(Duration by) {
        clock.advanceTo(clock.instant().plus(by));
        for (Timer timer : store.due(clock.instant(), 100)) {
            runner.deliver(Delivery.fired(timer));
        }
        drain();
    }

    ObjectNode call(String operation, String json) {
        return service.handle(operation, json);
    }

    ObjectNode call(String operation, ObjectNode request) {
        return service.handle(operation, request.toString());
    }

    ApiException error(String operation, ObjectNode request) {
        ApiException error = catchThrowableOfType(() -> call(operation, request), ApiException.class);
        if (error == null) {
            throw new AssertionError(operation + " succeeded, an error was expected");
        }
        return error;
    }

    static ObjectNode request(Object... namesAndValues) {
        ObjectNode request = Json.MAPPER.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value instanceof JsonNode node) {
                request.set((String) namesAndValues[i], node);
            } else if (value instanceof Integer number) {
                request.put((String) namesAndValues[i], number);
            } else {
                request.put((String) namesAndValues[i], String.valueOf(value));
            }
        }
        return request;
    }

    String createMachine(String name, String definition) {
        return createMachine(name, definition, "STANDARD");
    }

    String createMachine(String name, String definition, String type) {
        return call("CreateStateMachine", request("name", name, "definition", definition, "roleArn", ROLE,
                "type", type)).get("stateMachineArn").asText();
    }

    String start(String machineArn, String name, String input) {
        return call("StartExecution", request("stateMachineArn", machineArn, "name", name, "input", input))
                .get("executionArn").asText();
    }

    ObjectNode describe(String executionArn) {
        return call("DescribeExecution", request("executionArn", executionArn));
    }

    /** The wire form of an API date: epoch seconds with milliseconds. */
    static double epochSeconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }
}
