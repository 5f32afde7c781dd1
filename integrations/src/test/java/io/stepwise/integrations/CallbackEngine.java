package io.stepwise.integrations;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.api.ApiException;
import io.stepwise.api.Arns;
import io.stepwise.api.Backend;
import io.stepwise.api.StartHook;
import io.stepwise.api.StepFunctionsService;
import io.stepwise.engine.port.InMemoryActivityStore;
import io.stepwise.engine.port.InMemoryExecutionStore;
import io.stepwise.engine.port.InMemoryStateMachineStore;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.Timer;
import io.stepwise.query.Json;
import io.stepwise.runtime.ActivityRouting;
import io.stepwise.runtime.Delivery;
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
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The engine and the Step Functions API over in-memory stores, calling the real integrations under test: what a
 * {@code .waitForTaskToken} task meets after its call went through (answers, heartbeats, timeouts). Dispatched
 * tasks run when the test {@link #drain}s them, timers fire when it {@link #advance}s the virtual clock, and every
 * task token an integration is handed is kept in {@link #tokens}, so the test answers as the service's consumer
 * would.
 */
public final class CallbackEngine {
    public static final String ROLE = "arn:aws:iam::123456789012:role/stepwise";

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryExecutionStore store = new InMemoryExecutionStore();
    private final Deque<Runnable> work = new ArrayDeque<>();
    /** The task tokens the integrations were called with, oldest first. */
    public final Deque<String> tokens = new ArrayDeque<>();
    private final TransitionRunner runner;
    private final StepFunctionsService service;

    public CallbackEngine(IntegrationRegistry integrations) {
        IntegrationRegistry recording = resource -> integrations.find(resource).map(this::recordingTokens);
        InMemoryActivityQueue activities = new InMemoryActivityQueue();
        IntegrationRegistry routed = new ActivityRouting(activities, recording);
        TaskInvoker invoker = new TaskInvoker(routed);
        TaskDispatcher dispatcher = (executionArn, task) -> work.add(() ->
                invoker.invoke(executionArn, task).ifPresent(answer -> runner().deliver(executionArn, answer)));
        // The commit stores the timers; advance() fires those due.
        runner = new TransitionRunner(store, clock, dispatcher, TestTimerServices.readingStore(store));
        ExpressRunner express = new ExpressRunner(routed, clock);
        InMemoryStateMachineStore machines = new InMemoryStateMachineStore();
        service = new StepFunctionsService(new Backend(machines, machines, store, new InMemoryActivityStore(),
                runner, express, (start, definition) -> false, activities, clock, Arns.defaults(), StartHook.NONE));
    }

    private Integration recordingTokens(Integration integration) {
        return request -> {
            if (request.taskToken() != null) {
                tokens.add(request.taskToken());
            }
            return integration.invoke(request);
        };
    }

    /** The dispatcher is made before the runner it answers to. */
    private TransitionRunner runner() {
        return runner;
    }

    /** Starts a Standard execution of a one-state machine whose Task is {@code task}, and runs it until it waits. */
    public String start(ObjectNode task) {
        ObjectNode definition = Json.MAPPER.createObjectNode().put("StartAt", "Task");
        definition.putObject("States").set("Task", task.put("Type", "Task").put("End", true));
        String machine = call("CreateStateMachine", request("name", "machine", "definition", definition.toString(),
                "roleArn", ROLE)).get("stateMachineArn").asText();
        String execution = call("StartExecution", request("stateMachineArn", machine, "name", "run-1", "input", "{}"))
                .get("executionArn").asText();
        drain();
        return execution;
    }

    public synchronized void drain() {
        for (Runnable next = work.poll(); next != null; next = work.poll()) {
            next.run();
        }
    }

    /** Moves the clock on and fires the timers then due, as a timer service would. */
    public synchronized void advance(Duration by) {
        clock.advanceTo(clock.instant().plus(by));
        for (Timer timer : store.due(clock.instant(), 100)) {
            runner.deliver(Delivery.fired(timer));
        }
        drain();
    }

    public ObjectNode call(String operation, ObjectNode request) {
        return handle(operation, request.toString());
    }

    /** An API call as it arrives over the wire, and the work it leads to (a started execution runs until it waits). */
    public synchronized ObjectNode handle(String operation, String body) {
        ObjectNode answer = service.handle(operation, body);
        drain();
        return answer;
    }

    public ApiException error(String operation, ObjectNode request) {
        ApiException error = catchThrowableOfType(() -> call(operation, request), ApiException.class);
        if (error == null) {
            throw new AssertionError(operation + " succeeded where an error was expected");
        }
        return error;
    }

    public ObjectNode describe(String executionArn) {
        return call("DescribeExecution", request("executionArn", executionArn));
    }

    /** The execution's history events, oldest first. */
    public List<JsonNode> history(String executionArn) {
        JsonNode events = call("GetExecutionHistory", request("executionArn", executionArn)).get("events");
        return Json.MAPPER.convertValue(events, Json.MAPPER.getTypeFactory()
                .constructCollectionType(List.class, JsonNode.class));
    }

    public Optional<JsonNode> lastEvent(String executionArn, String type) {
        List<JsonNode> events = history(executionArn);
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).path("type").asText().equals(type)) {
                return Optional.of(events.get(i));
            }
        }
        return Optional.empty();
    }

    public static ObjectNode request(String... namesAndValues) {
        ObjectNode request = Json.MAPPER.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            request.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return request;
    }
}
