package io.stepwise.engine;

import static io.stepwise.engine.history.HistoryEventType.EXECUTION_FAILED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.StateMachineDefinition;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.history.HistoryEventType;
import io.stepwise.engine.state.Continuation;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** The working context of one step: the state being changed and what the step emits. */
final class Run {
    final StateMachineDefinition definition;
    final EngineLimits limits;
    final StateProcessors processors;
    final ExecutionState state;
    final Instant now;
    final List<HistoryEvent> events = new ArrayList<>();
    final List<Command> commands = new ArrayList<>();
    /** Size bounds of the payload nodes seen in this step, by identity (see {@link PayloadSize}). */
    final PayloadSizeMemo sizeMemo = new PayloadSizeMemo();
    private final StepBudget budget;
    /** Whether the trigger changed the state, events or not (distributed Map iterations write none). */
    boolean changed;
    private ObjectNode executionContext;
    private String timestamp;

    Run(StateMachineDefinition definition, EngineLimits limits, StateProcessors processors, ExecutionState state,
        Instant now) {
        this.definition = definition;
        this.limits = limits;
        this.processors = processors;
        this.state = state;
        this.now = now;
        this.budget = new StepBudget(limits.maxStepItems());
    }

    /** Appends an event naming the branch's current source as its previous event. */
    long emit(Frame frame, HistoryEventType type, ObjectNode details) {
        return emit(frame, type, details, true);
    }

    /** An event without details. */
    long emit(Frame frame, HistoryEventType type) {
        return emit(frame, type, (Supplier<ObjectNode>) null);
    }

    long emitWithPrevious(Frame frame, HistoryEventType type, long previous) {
        return emitWithPrevious(frame, type, (Supplier<ObjectNode>) null, previous);
    }

    /** As {@link #emit(Frame, String, ObjectNode)}, with details built only when the event is read. */
    long emit(Frame frame, HistoryEventType type, Supplier<ObjectNode> details) {
        long id = emitWithPrevious(frame, type, details, frame.branch().source);
        if (!frame.silent()) {
            frame.branch().source = id;
        }
        return id;
    }

    /**
     * @param advance whether later events of the branch follow this one; AWS chains some closing events
     *     ({@code MapIterationSucceeded}, {@code MapStateSucceeded}) off to the side
     */
    long emit(Frame frame, HistoryEventType type, ObjectNode details, boolean advance) {
        long id = emitWithPrevious(frame, type, details, frame.branch().source);
        if (advance && !frame.silent()) {
            frame.branch().source = id;
        }
        return id;
    }

    long emitWithPrevious(Frame frame, HistoryEventType type, ObjectNode details, long previous) {
        return emitWithPrevious(frame, type, details == null ? null : () -> details, previous);
    }

    long emitWithPrevious(Frame frame, HistoryEventType type, Supplier<ObjectNode> details, long previous) {
        if (frame != null && frame.silent()) {
            return previous;
        }
        if (state.nextEventId >= limits.maxHistoryEvents()) {
            throw new HistoryLimitReached();
        }
        long id = state.nextEventId++;
        events.add(new HistoryEvent(id, previous, now, type, details));
        budget.count(1);
        return id;
    }

    /**
     * Ends the execution with the last event the history may hold (AWS: event 25,000 is
     * {@code ExecutionFailed} with {@code States.Runtime}).
     */
    void failAtHistoryLimit() {
        state.status = ExecutionStatus.FAILED;
        state.error = StatesErrors.RUNTIME;
        state.cause = "The execution reached the maximum number of history events (" + limits.maxHistoryEvents() + ").";
        long id = state.nextEventId++;
        events.add(new HistoryEvent(id, id - 1, now, EXECUTION_FAILED, Payloads.errorDetails(state.error, state.cause)));
    }

    /** Thrown when the next event would take the history's last slot, which belongs to ExecutionFailed. */
    static final class HistoryLimitReached extends RuntimeException {
        HistoryLimitReached() {
            super(null, null, false, false);
        }
    }

    void command(Command command) {
        commands.add(command);
        budget.count(StepBudget.itemsOf(command));
    }

    /**
     * Stops the step if it has used its budget: records where {@code frame} stands, so that the continuation
     * resumes there, and asks for the continuation. Called only where nothing of the branch's next piece of work has
     * happened yet: before it enters a state, before its Parallel or Map state launches a child.
     */
    void checkBudget(Frame frame) {
        if (!budget.reached()) {
            return;
        }
        Continuation continuation = new Continuation();
        continuation.ref = "continue#" + ++state.continuations;
        continuation.at = now;
        for (Frame f = frame; f.parent() != null; f = f.parent()) {
            continuation.path.add(0, f.branch().index);
        }
        state.continuation = continuation;
        command(new Command.Continue(continuation.ref, now));
        throw new BudgetReached();
    }

    /** Thrown to end a step that used its budget; the state holds where it stopped ({@link #checkBudget}). */
    static final class BudgetReached extends RuntimeException {
        BudgetReached() {
            super(null, null, false, false);
        }
    }

    /**
     * A fresh generator per draw, derived from the execution's seed so that replay draws the same. Its outputs
     * reveal the seed, which is why task tokens come from a key of their own ({@link TaskTokens}).
     */
    RandomGenerator random() {
        long draw = state.randomDraws++;
        return new SplittableRandom(state.start.seed() * 0x9E3779B97F4A7C15L + draw);
    }

    String timestamp() {
        if (timestamp == null) {
            timestamp = format(now);
        }
        return timestamp;
    }

    /**
     * {@link DateTimeFormatter#ISO_INSTANT} of the instant truncated to milliseconds, written directly for the
     * years 1970 to 9999 (the formatter costs as much as a few Pass states).
     */
    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds >= YEAR_10000) {
            return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        int millis = instant.getNano() / 1_000_000;
        StringBuilder text = new StringBuilder(24);
        digits(text, t.getYear(), 4).append('-');
        digits(text, t.getMonthValue(), 2).append('-');
        digits(text, t.getDayOfMonth(), 2).append('T');
        digits(text, t.getHour(), 2).append(':');
        digits(text, t.getMinute(), 2).append(':');
        digits(text, t.getSecond(), 2);
        if (millis != 0) {
            digits(text.append('.'), millis, 3);
        }
        return text.append('Z').toString();
    }

    private static final long YEAR_10000 = 253_402_300_800L;

    private static StringBuilder digits(StringBuilder text, int value, int width) {
        for (int divisor = width == 4 ? 1000 : width == 3 ? 100 : 10; divisor > 0; divisor /= 10) {
            text.append((char) ('0' + value / divisor % 10));
        }
        return text;
    }

    /** {@code $$.Execution} and {@code $$.StateMachine}, which stay the same for the whole step. */
    ObjectNode executionContext() {
        if (executionContext == null) {
            ObjectNode ctx = Json.MAPPER.createObjectNode();
            ObjectNode execution = ctx.putObject("Execution");
            execution.put("Id", state.start.executionArn());
            execution.set("Input", state.input);
            execution.put("StartTime", format(state.start.startTime()));
            execution.put("Name", state.start.name());
            execution.put("RoleArn", state.start.roleArn());
            execution.put("RedriveCount", state.redriveCount);
            ObjectNode machine = ctx.putObject("StateMachine");
            machine.put("Id", MapRunArns.shownMachineArn(state.start.stateMachineArn()));
            machine.put("Name", MapRunArns.shownMachineName(state.start.stateMachineName()));
            executionContext = ctx;
        }
        return executionContext;
    }

    /**
     * A value as a cause text shows it: the execution input as the text it was started with (AWS keeps that
     * text, whitespace included, while the value passes unchanged from state to state), anything else compact.
     */
    String describe(JsonNode value) {
        return value.equals(state.input) ? state.start.inputText() : Json.write(value);
    }

    /** The context object for a state of {@code frame}; {@code extras} adds {@code Task} or {@code Map}. */
    JsonNode context(Frame frame, boolean withRetryCount, String taskToken, ObjectNode mapItem) {
        // Only the top level is new: $$.Execution holds the execution input, which a deep copy for every Map item's
        // context made a wide Map's ItemSelector cost O(items²). Nothing writes below a context's top level (a path
        // copies what it reads, intrinsics copy their arguments).
        ObjectNode ctx = Json.MAPPER.createObjectNode();
        ctx.setAll(executionContext());
        ObjectNode stateNode = ctx.putObject("State");
        stateNode.put("Name", frame.branch().state);
        stateNode.put("EnteredTime", frame.branch().enteredTime);
        if (withRetryCount) {
            stateNode.put("RetryCount", frame.branch().stateRetryCount);
        }
        if (taskToken != null) {
            ctx.putObject("Task").put("Token", taskToken);
        }
        if (mapItem != null) {
            ctx.putObject("Map").set("Item", mapItem);
        }
        return ctx;
    }
}
