package io.stepwise.runtime;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.asl.StateMachineDefinition;
import io.stepwise.engine.Command;
import io.stepwise.engine.EngineLimits;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.ParentLink;
import io.stepwise.engine.Step;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.port.ChildResult;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.query.Json;
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

    private final MapRunIo io;

    public InMemoryRunner(IntegrationRegistry integrations, Clock clock) {
        this(integrations, clock, MapRunIo.NONE);
    }

    /** @param io the ItemReader and ResultWriter of Distributed Maps */
    public InMemoryRunner(IntegrationRegistry integrations, Clock clock, MapRunIo io) {
        this.invoker = new TaskInvoker(integrations);
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

    /**
     * As {@link #run(Interpreter, ExecutionStart, Consumer)}, showing {@code observer} every step it takes. The child
     * executions of a Distributed Map run in the same loop, interleaved with their parent on one timeline, as they
     * would run side by side; only the top-level execution's steps and history are shown.
     */
    public ExecutionState run(Interpreter interpreter, ExecutionStart start, Consumer<HistoryEvent> events,
            StepObserver observer) {
        Loop loop = new Loop();
        Step step = interpreter.start(start);
        observer.started(start, step);
        Running root = new Running(interpreter, step.state(), events, null);
        loop.carryOut(root, step);
        while (root.state.status == ExecutionStatus.RUNNING) {
            Pending next = loop.triggers.poll();
            if (next == null) {
                Timer timer = loop.timers.poll();
                if (timer == null) {
                    break;
                }
                loop.timersByRef.remove(new TimerKey(timer.execution(), timer.ref()));
                waitUntil(timer.dueAt());
                next = new Pending(timer.execution(), new Trigger.TimerFired(timer.ref()));
            }
            Instant now = clock.instant();
            Running target = next.execution();
            step = target.interpreter.applyInPlace(target.state, next.trigger(), now);
            if (target == root) {
                observer.applied(next.trigger(), now, step);
            }
            loop.carryOut(target, step);
        }
        return root.state;
    }

    /** One execution of the loop: the top-level one or a child, with where its history goes. */
    private static final class Running {
        final Interpreter interpreter;
        final ExecutionState state;
        final Consumer<HistoryEvent> events;
        final Running parent;

        Running(Interpreter interpreter, ExecutionState state, Consumer<HistoryEvent> events, Running parent) {
            this.interpreter = interpreter;
            this.state = state;
            this.events = events;
            this.parent = parent;
        }
    }

    private record Pending(Running execution, Trigger trigger) {
    }

    private record TimerKey(Running execution, String ref) {
    }

    /** The triggers and timers of every execution in one run, and the children the run started. */
    private final class Loop {
        final Deque<Pending> triggers = new ArrayDeque<>();
        final PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparing(Timer::dueAt)
                .thenComparing(Timer::sequence));
        final Map<TimerKey, Timer> timersByRef = new HashMap<>();
        final Map<String, Running> children = new HashMap<>();
        final Map<String, Interpreter> childInterpreters = new HashMap<>();
        long timerSequence;

        void carryOut(Running execution, Step step) {
            step.events().forEach(execution.events);
            for (Command command : step.commands()) {
                if (command instanceof Command.InvokeTask invoke) {
                    invoker.invoke(execution.state.start.executionArn(), invoke)
                            .ifPresent(answer -> triggers.add(new Pending(execution, answer)));
                } else if (command instanceof Command.StartTimer timer) {
                    Timer entry = new Timer(execution, timer.ref(), timer.dueAt(), timerSequence++);
                    timers.add(entry);
                    Timer replaced = timersByRef.put(new TimerKey(execution, timer.ref()), entry);
                    if (replaced != null) {
                        timers.remove(replaced);
                    }
                } else if (command instanceof Command.CancelTimer cancel) {
                    Timer entry = timersByRef.remove(new TimerKey(execution, cancel.ref()));
                    if (entry != null) {
                        timers.remove(entry);
                    }
                } else if (command instanceof Command.Continue next) {
                    // Ahead of every other trigger: the step it continues is not finished yet.
                    triggers.addFirst(new Pending(execution, new Trigger.TimerFired(next.ref())));
                } else if (command instanceof Command.StartChildren start) {
                    startChildren(execution, start);
                } else if (command instanceof Command.CollectResults collect) {
                    triggers.add(new Pending(execution, answer(collect.ref(), io.collect(collect,
                            index -> childResult(collect.mapRunArn(), index)))));
                } else if (command instanceof Command.ReadItems read) {
                    triggers.add(new Pending(execution, answer(read.ref(), io.read(read))));
                } else if (command instanceof Command.StopChildren stop) {
                    for (int index : stop.indexes()) {
                        Running child = children.get(ChildExecutions.childArn(stop.mapRunArn(), index));
                        if (child != null) {
                            triggers.add(new Pending(child, new Trigger.StopRequested(null, null)));
                        }
                    }
                    triggers.add(new Pending(execution, done(stop.ref())));
                } else if (command instanceof Command.StopChild stop) {
                    Running child = children.get(stop.executionArn());
                    if (child != null) {
                        triggers.add(new Pending(child, new Trigger.StopRequested(null, null)));
                    }
                    triggers.add(new Pending(execution, done(stop.ref())));
                } else if (command instanceof Command.NotifyParent notify) {
                    if (execution.parent != null) {
                        triggers.add(new Pending(execution.parent, new Trigger.ChildFinished(notify.parent().ref(),
                                notify.parent().index(), notify.status(), notify.error(), notify.cause())));
                    }
                    triggers.add(new Pending(execution, done(notify.ref())));
                }
            }
        }

        private void startChildren(Running parent, Command.StartChildren start) {
            Interpreter interpreter = childInterpreters.computeIfAbsent(start.definition(), text ->
                    new Interpreter(DefinitionParser.parse(text), parent.interpreter.limits()));
            ExecutionStart parentStart = parent.state.start;
            String machineArn = ChildExecutions.childMachineArn(start.mapRunArn());
            String machineName = machineArn.substring(machineArn.indexOf(":stateMachine:") + 14);
            for (Command.ChildStart child : start.children()) {
                ExecutionStart childStart = new ExecutionStart(child.executionArn(), child.name(), machineArn,
                        machineName, parentStart.roleArn(), parentStart.region(), Json.write(child.input()),
                        clock.instant(), parentStart.seed() * 31 + child.index(), null,
                        new ParentLink(parentStart.executionArn(), start.runRef(), child.index(), start.mapRunArn()));
                if (children.containsKey(child.executionArn())) {
                    continue;
                }
                Step step = interpreter.start(childStart);
                Running running = new Running(interpreter, step.state(), event -> { }, parent);
                children.put(child.executionArn(), running);
                carryOut(running, step);
            }
            triggers.add(new Pending(parent, done(start.ref())));
        }

        /** A child as ResultWriter reports it; its state is not needed after its result is collected. */
        private ChildResult childResult(String mapRunArn, int index) {
            Running child = children.remove(ChildExecutions.childArn(mapRunArn, index));
            if (child == null) {
                return null;
            }
            ExecutionState state = child.state;
            return new ChildResult(state.start.executionArn(), state.start.name(), state.start.stateMachineArn(),
                    state.status.name(), state.start.inputText(), state.output == null ? null : Json.write(state.output),
                    state.error, state.cause, state.start.startTime(), null, state.redriveCount);
        }

        private Trigger answer(String ref, TaskOutcome outcome) {
            if (outcome instanceof TaskOutcome.Failed failed) {
                return new Trigger.TaskFailed(ref, failed.error(), failed.cause());
            }
            return new Trigger.TaskSucceeded(ref, ((TaskOutcome.Succeeded) outcome).output());
        }

        private Trigger done(String ref) {
            return new Trigger.TaskSucceeded(ref, Json.MAPPER.createObjectNode());
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

    private record Timer(Running execution, String ref, Instant dueAt, long sequence) {
    }
}
