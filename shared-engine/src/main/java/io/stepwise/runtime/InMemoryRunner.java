package io.stepwise.runtime;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.asl.StateMachineDefinition;
import io.stepwise.engine.EngineLimits;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.Step;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.Timer;
import io.stepwise.engine.state.ExecutionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one execution to its end in memory, on the caller's thread: what {@code stepwise run}, Express executions
 * and the conformance suite use. It is the {@link TransitionRunner} every runtime uses, over in-memory adapters: a
 * store that keeps the state objects ({@link InMemoryExecutions}), a dispatcher that calls each task as soon as its
 * step is committed and queues the answer ({@link InlineTaskDispatcher}), and the timers in due order. The run
 * applies the queued deliveries in order; when none is left it fires the next timer, skipping the idle time with a
 * {@link VirtualClock} and sleeping until it is due otherwise. The child executions of a Distributed Map are
 * started and told apart by the same {@link ChildExecutions} as on a server, and run in the same loop, interleaved
 * with their parent on one timeline as they would run side by side.
 */
public final class InMemoryRunner {
    /**
     * The definition key of the run's own execution, whose interpreter the caller gives; no definition text is
     * empty, so no child's definition can take it.
     */
    private static final String ROOT = "";

    private final IntegrationRegistry integrations;
    private final Clock clock;
    private final MapRunIo io;
    private volatile Compiled lastCompiled;
    /** The threads of Distributed Maps' EXPRESS children, for every run of this runner rather than one pool per run. */
    private final BoundedWorkers expressChildren =
            new BoundedWorkers("express-child", ChildExecutions.EXPRESS_CHILDREN_AT_ONCE);

    public InMemoryRunner(IntegrationRegistry integrations, Clock clock) {
        this(integrations, clock, MapRunIo.NONE);
    }

    /** @param io the ItemReader and ResultWriter of Distributed Maps */
    public InMemoryRunner(IntegrationRegistry integrations, Clock clock, MapRunIo io) {
        this.integrations = integrations;
        this.clock = clock;
        this.io = io;
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
        Compiled compiled = lastCompiled;
        if (compiled == null || compiled.definition() != definition) {
            // Nothing outside this thread sees an in-memory run's commits, so its steps need no budget.
            compiled = new Compiled(definition,
                    new Interpreter(definition, EngineLimits.AWS.withMaxStepItems(EngineLimits.UNBOUNDED_STEP)));
            lastCompiled = compiled;
        }
        return run(compiled.interpreter(), start, events);
    }

    /**
     * The interpreter of the definition run last: building one compiles the definition's fields and its state
     * processors, so a caller that runs one parsed definition many times (a test loop, a benchmark) pays it once.
     */
    private record Compiled(StateMachineDefinition definition, Interpreter interpreter) {
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

    /**
     * As {@link #run(Interpreter, ExecutionStart, Consumer)}, showing {@code observer} every step it takes. Only the
     * top-level execution's steps and history are shown, not its children's.
     */
    public ExecutionState run(Interpreter interpreter, ExecutionStart start, Consumer<HistoryEvent> events,
            StepObserver observer) {
        String executionArn = start.executionArn();
        InMemoryExecutions executions = new InMemoryExecutions();
        InMemoryTransitionQueue deliveries = new InMemoryTransitionQueue();
        ChildExecutions children = new ChildExecutions(integrations, executions, clock, MapRuns.NONE, io,
                expressChildren);
        TransitionRunner runner = new TransitionRunner(executions, clock,
                new InlineTaskDispatcher(new TaskInvoker(children), deliveries), executions,
                deliveries::enqueueFirst, interpreters(interpreter),
                (machine, arn, redriveCount, stepEvents) -> {
                    if (arn.equals(executionArn)) {
                        stepEvents.forEach(events);
                    }
                },
                onlyOf(executionArn, observer), false);
        children.attach(new QueuedExecutions(runner, deliveries));
        runner.start(start, ROOT);
        ExecutionState state = executions.load(executionArn).orElseThrow().state();
        while (state.status == ExecutionStatus.RUNNING) {
            Delivery next = deliveries.poll();
            if (next == null) {
                Timer timer = executions.pollNextTimer();
                if (timer == null) {
                    break;
                }
                waitUntil(timer.dueAt());
                next = Delivery.fired(timer);
            }
            runner.deliver(next);
            state = executions.load(executionArn).orElseThrow().state();
        }
        return state;
    }

    /** The run's interpreters: the caller's for its execution, one per child definition with the same limits. */
    private static Function<String, Interpreter> interpreters(Interpreter root) {
        Map<String, Interpreter> children = new HashMap<>();
        return definition -> ROOT.equals(definition) ? root : children.computeIfAbsent(definition,
                text -> new Interpreter(DefinitionParser.parse(text), root.limits()));
    }

    private static StepObserver onlyOf(String executionArn, StepObserver observer) {
        if (observer == StepObserver.NONE) {
            return observer;
        }
        return new StepObserver() {
            @Override
            public void started(ExecutionStart start, Step step) {
                if (start.executionArn().equals(executionArn)) {
                    observer.started(start, step);
                }
            }

            @Override
            public void applied(Trigger trigger, Instant now, Step step) {
                if (step.state().start.executionArn().equals(executionArn)) {
                    observer.applied(trigger, now, step);
                }
            }
        };
    }

    /**
     * What {@link ChildExecutions} does to the run's executions: a child starts at once, as its parent's command
     * is carried out; a notice, a stop or a child's end is queued behind the deliveries before it, as the answer of
     * a task is. A queued trigger is taken as applied ({@code true}), which only a Map Run's counts would need to
     * know, and an in-memory run keeps none.
     */
    private record QueuedExecutions(TransitionRunner runner, InMemoryTransitionQueue deliveries)
            implements StandardExecutions {
        @Override
        public boolean start(ExecutionStart start, String definition) {
            return runner.start(start, definition);
        }

        @Override
        public boolean deliver(String executionArn, Trigger trigger) {
            deliveries.enqueue(Delivery.of(executionArn, trigger));
            return true;
        }
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
}
