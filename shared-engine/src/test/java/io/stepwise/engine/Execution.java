package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.query.Json;
import io.stepwise.query.jsonata.JsonataLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives one execution through the {@link Interpreter} by hand: start it, then apply triggers at explicit
 * instants. Keeps the latest state and the whole history so tests can assert on either the last step or
 * everything so far.
 */
final class Execution {
    static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    static final String REGION = "us-east-1";
    static final String MACHINE_ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:test";
    static final String EXECUTION_ARN = "arn:aws:states:us-east-1:123456789012:execution:test:run-1";

    final Interpreter interpreter;
    ExecutionState state;
    Step last;
    final List<HistoryEvent> history = new ArrayList<>();

    private Execution(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    static Execution of(String definition) {
        return new Execution(new Interpreter(DefinitionParser.parse(definition)));
    }

    /** An execution whose steps are not cut by the step budget: each trigger runs as far as it goes. */
    static Execution unbounded(String definition) {
        return new Execution(new Interpreter(DefinitionParser.parse(definition),
                new EngineLimits(25_000, JsonataLimits.DEFAULT, EngineLimits.UNBOUNDED_STEP)));
    }

    /** A fixed task-token key, so that two executions started alike are alike, tokens included. */
    static final String TOKEN_KEY = "dGVzdC10b2tlbi1rZXk";

    static ExecutionStart startAt(Instant time, String input, long seed) {
        return startAt(time, input, seed, TOKEN_KEY);
    }

    static ExecutionStart startAt(Instant time, String input, long seed, String tokenKey) {
        return new ExecutionStart(EXECUTION_ARN, "run-1", MACHINE_ARN, "test",
                "arn:aws:iam::123456789012:role/test", REGION, input, time, seed, tokenKey);
    }

    Execution start(String input) {
        return start(input, 42L);
    }

    Execution start(String input, long seed) {
        return record(interpreter.start(startAt(T0, input, seed)));
    }

    /** Applies {@code trigger} at {@code T0 + seconds}. */
    Execution apply(Trigger trigger, long seconds) {
        return apply(trigger, T0.plusSeconds(seconds));
    }

    /**
     * Applies {@code trigger} at {@code now}. The state is saved to JSON text and reloaded first, as a durable
     * runner does between steps, so every test also checks that nothing lives outside the serialised state.
     */
    Execution apply(Trigger trigger, Instant now) {
        return record(interpreter.applyInPlace(StateCodec.load(StateCodec.save(state)), trigger, now));
    }

    private Execution record(Step step) {
        last = step;
        state = step.state();
        history.addAll(step.events());
        return this;
    }

    // ---- the last step ----

    List<String> types() {
        return types(last.events());
    }

    static List<String> types(List<HistoryEvent> events) {
        return events.stream().map(e -> e.type().wireName()).toList();
    }

    List<String> historyTypes() {
        return types(history);
    }

    /** The only event of {@code type} in the whole history. */
    HistoryEvent event(String type) {
        List<HistoryEvent> found = events(type);
        assertThat(found).as("events of type %s in %s", type, historyTypes()).hasSize(1);
        return found.get(0);
    }

    List<HistoryEvent> events(String type) {
        return history.stream().filter(e -> e.type().wireName().equals(type)).toList();
    }

    ObjectNode details(String type) {
        return event(type).details();
    }

    <C extends Command> List<C> commands(Class<C> type) {
        return last.commands().stream().filter(type::isInstance).map(type::cast).toList();
    }

    Command.InvokeTask invoke() {
        List<Command.InvokeTask> invokes = commands(Command.InvokeTask.class);
        assertThat(invokes).as("InvokeTask commands").hasSize(1);
        return invokes.get(0);
    }

    List<Command.StartTimer> timers() {
        return commands(Command.StartTimer.class);
    }

    Command.StartTimer timer() {
        List<Command.StartTimer> timers = timers();
        assertThat(timers).as("StartTimer commands").hasSize(1);
        return timers.get(0);
    }

    ExecutionStatus status() {
        return state.status;
    }

    JsonNode output() {
        return state.output;
    }

    // ---- triggers ----

    static Trigger.TaskSucceeded succeeded(Command.InvokeTask invoke, String output) {
        return new Trigger.TaskSucceeded(invoke.ref(), Json.parse(output));
    }

    static Trigger.TaskFailed failed(Command.InvokeTask invoke, String error, String cause) {
        return new Trigger.TaskFailed(invoke.ref(), error, cause);
    }

    static Trigger.TimerFired fired(Command.StartTimer timer) {
        return new Trigger.TimerFired(timer.ref());
    }

    static JsonNode json(String text) {
        return Json.parse(text);
    }
}
