package io.stepwise.runtime;

import io.stepwise.asl.StateMachineDefinition;
import io.stepwise.engine.Command;
import io.stepwise.engine.EngineLimits;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.Step;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.state.ExecutionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Runs one execution to its end in memory, calling integrations inline. This is what {@code stepwise run},
 * Express executions and the conformance suite use; durable executions go through the TransitionRunner.
 * With a {@link VirtualClock} idle time is skipped, otherwise the runner sleeps until the next timer.
 */
public final class InMemoryRunner {
    private final TaskInvoker invoker;
    private final Clock clock;

    public InMemoryRunner(IntegrationRegistry integrations, Clock clock) {
        this.invoker = new TaskInvoker(integrations);
        this.clock = clock;
    }

    public ExecutionResult run(StateMachineDefinition definition, ExecutionStart start) {
        List<HistoryEvent> history = new ArrayList<>();
        ExecutionState state = run(definition, start, history::add);
        return new ExecutionResult(state, history);
    }

    /**
     * Runs the execution, handing each history event to {@code events} instead of keeping it: for callers
     * that log or count the history, or do not need it.
     */
    public ExecutionState run(StateMachineDefinition definition, ExecutionStart start, Consumer<HistoryEvent> events) {
        // Nothing is committed between the steps of an in-memory run, so they need no budget.
        return run(new Interpreter(definition, EngineLimits.AWS.withMaxStepItems(EngineLimits.UNBOUNDED_STEP)), start,
                events);
    }

    /** Runs the execution on an interpreter a caller keeps, so its compiled expressions serve many runs. */
    public ExecutionResult run(Interpreter interpreter, ExecutionStart start) {
        List<HistoryEvent> history = new ArrayList<>();
        ExecutionState state = run(interpreter, start, history::add);
        return new ExecutionResult(state, history);
    }

    public ExecutionState run(Interpreter interpreter, ExecutionStart start, Consumer<HistoryEvent> events) {
        return run(interpreter, start, events, StepObserver.NONE);
    }

    /** As {@link #run(Interpreter, ExecutionStart, Consumer)}, showing {@code observer} every step it takes. */
    public ExecutionState run(Interpreter interpreter, ExecutionStart start, Consumer<HistoryEvent> events,
            StepObserver observer) {
        Deque<Trigger> triggers = new ArrayDeque<>();
        PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparing(Timer::dueAt)
                .thenComparing(Timer::sequence));
        Map<String, Timer> timersByRef = new HashMap<>();
        long[] timerSequence = {0};

        Step step = interpreter.start(start);
        observer.started(start, step);
        ExecutionState state = step.state();
        while (true) {
            step.events().forEach(events);
            for (Command command : step.commands()) {
                if (command instanceof Command.InvokeTask invoke) {
                    invoker.invoke(state.start.executionArn(), invoke).ifPresent(triggers::add);
                } else if (command instanceof Command.StartTimer timer) {
                    Timer entry = new Timer(timer.ref(), timer.dueAt(), timerSequence[0]++);
                    timers.add(entry);
                    timersByRef.put(timer.ref(), entry);
                } else if (command instanceof Command.CancelTimer cancel) {
                    Timer entry = timersByRef.remove(cancel.ref());
                    if (entry != null) {
                        timers.remove(entry);
                    }
                } else if (command instanceof Command.Continue next) {
                    // Ahead of every other trigger: the step it continues is not finished yet.
                    triggers.addFirst(new Trigger.TimerFired(next.ref()));
                }
            }
            if (state.status != ExecutionStatus.RUNNING) {
                break;
            }
            Trigger next = triggers.poll();
            if (next == null) {
                Timer timer = timers.poll();
                if (timer == null) {
                    break;
                }
                timersByRef.remove(timer.ref());
                waitUntil(timer.dueAt());
                next = new Trigger.TimerFired(timer.ref());
            }
            Instant now = clock.instant();
            step = interpreter.applyInPlace(state, next, now);
            observer.applied(next, now, step);
        }
        return state;
    }

    private void waitUntil(Instant due) {
        if (clock instanceof VirtualClock virtual) {
            virtual.advanceTo(due);
            return;
        }
        Duration remaining = Duration.between(clock.instant(), due);
        if (!remaining.isNegative() && !remaining.isZero()) {
            try {
                Thread.sleep(remaining.toMillis(), remaining.toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a timer", e);
            }
        }
    }

    private record Timer(String ref, Instant dueAt, long sequence) {
    }
}
