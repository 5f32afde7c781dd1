package io.stepwise.runtime;

import io.stepwise.engine.Command;
import io.stepwise.engine.EngineLimits;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.Step;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.ExecutionCommits;
import io.stepwise.engine.state.Continuation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The durable runner shared by every runtime: load an execution, apply a trigger with the interpreter, commit the
 * new state, history, timers and task outbox conditional on the loaded version, and only then hand the step's
 * tasks to the {@link TaskDispatcher} and its timers to the {@link TimerService}. It owns no threads: triggers
 * come from the API and from a {@link TransitionQueue}'s consumer. A trigger that changes nothing (stale or
 * duplicate) commits nothing and dispatches nothing. A task stays in the outbox until a commit settles it, so a
 * task a crash or a lost answer interrupted is dispatched again by a recovery sweep or at the next start
 * ({@link OutboxRedelivery}): at least once, as on AWS, and a duplicate answer is a no-op because it names the
 * task attempt it answers.
 *
 * <p>The same core runs executions in memory ({@link InMemoryRunner}: Express, {@code stepwise run}, the conformance
 * suite) over a store that keeps the state objects and settles no outbox, with a dispatcher that calls each task
 * on the committing thread and queues its answer.
 */
public final class TransitionRunner implements StandardExecutions {
    /** Concurrent triggers on one execution (e.g. Parallel branches) retry their compare-and-set this often. */
    private static final int MAX_COMMIT_ATTEMPTS = 1_000;
    private static final System.Logger LOG = System.getLogger(TransitionRunner.class.getName());

    private final ExecutionCommits executions;
    private final Clock clock;
    /** Steps being applied now, on any thread; see {@link #isIdle()}. */
    private final AtomicInteger applying = new AtomicInteger();
    private final TaskDispatcher tasks;
    private final TimerService timers;
    private final TransitionQueue continuations;
    private final Function<String, Interpreter> interpreters;
    private final ExecutionLogs logs;
    private final StepObserver observer;
    /**
     * Whether the store keeps an outbox to settle: a commit then names the tasks its step stopped waiting for,
     * which takes a walk of the state before and after the step. An in-memory run calls each task once, right
     * after its commit, and needs neither.
     */
    private final boolean settlesOutbox;
    private final MapRuns mapRuns;
    /** What this runner committed last, for the next trigger of the same execution; {@code null}: always read. */
    private final OwnCommits ownCommits;

    /** A runner whose continuations reach it only as the fires of their stored timers. */
    public TransitionRunner(ExecutionCommits executions, Clock clock, TaskDispatcher tasks, TimerService timers) {
        this(executions, clock, tasks, timers, delivery -> { });
    }

    /**
     * @param continuations where the continuation of a step that stopped at its budget goes right after the commit;
     *     it is also stored as a timer due at once, which fires it should the hand-over be lost
     */
    public TransitionRunner(ExecutionCommits executions, Clock clock, TaskDispatcher tasks, TimerService timers,
            TransitionQueue continuations) {
        this(executions, clock, tasks, timers, continuations, EngineLimits.AWS);
    }

    /** @param limits the interpreter's quotas, among them the step budget that keeps one commit in one transaction */
    public TransitionRunner(ExecutionCommits executions, Clock clock, TaskDispatcher tasks, TimerService timers,
            TransitionQueue continuations, EngineLimits limits) {
        this(executions, clock, tasks, timers, continuations, limits, ExecutionLogs.NONE);
    }

    /** @param logs receives every committed step's history events, for the machine's logging configuration */
    public TransitionRunner(ExecutionCommits executions, Clock clock, TaskDispatcher tasks, TimerService timers,
            TransitionQueue continuations, EngineLimits limits, ExecutionLogs logs) {
        this(executions, clock, tasks, timers, continuations, limits, logs, MapRuns.NONE);
    }

    /**
     * @param mapRuns the Map Run records a commit that starts or stops a Distributed Map's run opens or closes
     *     before its commands are handed over, so DescribeMapRun agrees with the history from that commit on
     */
    public TransitionRunner(ExecutionCommits executions, Clock clock, TaskDispatcher tasks, TimerService timers,
            TransitionQueue continuations, EngineLimits limits, ExecutionLogs logs, MapRuns mapRuns) {
        this(executions, clock, tasks, timers, continuations, limits, logs, mapRuns, false);
    }

    /**
     * @param keepsOwnCommits whether the next trigger of an execution this runner has just committed to is applied
     *     to the record it committed rather than one read back from the store ({@link OwnCommits}): for a store
     *     whose reads are billed and remote, with a worker that applies one execution's answers one after the other
     */
    public TransitionRunner(ExecutionCommits executions, Clock clock, TaskDispatcher tasks, TimerService timers,
            TransitionQueue continuations, EngineLimits limits, ExecutionLogs logs, MapRuns mapRuns,
            boolean keepsOwnCommits) {
        this(executions, clock, tasks, timers, continuations,
                new Interpreters(Interpreters.DEFAULT_CAPACITY, limits)::forDefinition, logs, StepObserver.NONE, true,
                mapRuns, keepsOwnCommits ? new OwnCommits(clock) : null);
    }

    /**
     * The runner of an in-memory run ({@link InMemoryRunner}).
     *
     * @param interpreters the interpreter of each definition an execution is started with
     * @param observer sees every step the interpreter takes, with exactly what it was given
     * @param settlesOutbox see {@link #settlesOutbox}
     */
    TransitionRunner(ExecutionCommits executions, Clock clock, TaskDispatcher tasks, TimerService timers,
            TransitionQueue continuations, Function<String, Interpreter> interpreters, ExecutionLogs logs,
            StepObserver observer, boolean settlesOutbox) {
        this(executions, clock, tasks, timers, continuations, interpreters, logs, observer, settlesOutbox,
                MapRuns.NONE, null);
    }

    private TransitionRunner(ExecutionCommits executions, Clock clock, TaskDispatcher tasks, TimerService timers,
            TransitionQueue continuations, Function<String, Interpreter> interpreters, ExecutionLogs logs,
            StepObserver observer, boolean settlesOutbox, MapRuns mapRuns, OwnCommits ownCommits) {
        this.mapRuns = mapRuns;
        this.ownCommits = ownCommits;
        this.logs = logs;
        this.interpreters = interpreters;
        this.executions = executions;
        this.clock = clock;
        this.tasks = tasks;
        this.timers = timers;
        this.continuations = continuations;
        this.observer = observer;
        this.settlesOutbox = settlesOutbox;
    }

    @Override
    public boolean start(ExecutionStart start, String definition) {
        applying.incrementAndGet();
        try {
            return apply(start, definition);
        } finally {
            applying.decrementAndGet();
        }
    }

    /**
     * Whether no step is being applied on any thread (a queue's worker, or an API call that starts or answers an
     * execution in its own thread): a virtual clock may jump to the next timer only then, or it could fire a Task's
     * timeout between the step that stored it and the dispatch of the task.
     */
    public boolean isIdle() {
        return applying.get() == 0;
    }

    private boolean apply(ExecutionStart start, String definition) {
        Step step = interpreters.apply(definition).start(start);
        observer.started(start, step);
        Commit commit = StepCommits.of(start.executionArn(), 0, step, Set.of(), clock.instant(), null);
        if (!executions.create(commit, definition)) {
            return false;
        }
        log(start.stateMachineArn(), start.executionArn(), step);
        recordMapRuns(start, step.commands());
        handOver(start.executionArn(), commit, step.commands());
        return true;
    }

    @Override
    public boolean deliver(String executionArn, Trigger trigger) {
        return deliver(Delivery.of(executionArn, trigger));
    }

    /**
     * Applies the delivery's trigger and commits the result together with the consumption of the timer it fires,
     * if any. A fire that answers nothing is discarded through the {@link TimerService}. Returns {@code true} if
     * the execution changed.
     */
    public boolean deliver(Delivery delivery) {
        applying.incrementAndGet();
        try {
            return apply(delivery);
        } finally {
            applying.decrementAndGet();
        }
    }

    /**
     * Applies the delivery with a single compare-and-set, for a worker that holds an answer and may spare the trip
     * through the {@link TransitionQueue}: returns {@code false}, having changed nothing, when another step of the
     * execution committed first or a continuation has to be applied before it; the caller then queues the delivery
     * for the execution's serialized consumer, so concurrent answers cost one lost compare-and-set each at most,
     * never a storm of retries. Returns {@code true} when the delivery was applied or changed nothing (stale or
     * duplicate).
     */
    public boolean tryDeliver(Delivery delivery) {
        applying.incrementAndGet();
        try {
            return apply(delivery, 1) != null;
        } finally {
            applying.decrementAndGet();
        }
    }

    private boolean apply(Delivery delivery) {
        Boolean changed = apply(delivery, MAX_COMMIT_ATTEMPTS);
        if (changed == null) {
            throw new IllegalStateException("could not commit to " + delivery.executionArn() + " after "
                    + MAX_COMMIT_ATTEMPTS + " attempts");
        }
        return changed;
    }

    /** Whether the execution changed; {@code null} when {@code attempts} compare-and-sets were all lost. */
    private Boolean apply(Delivery delivery, int attempts) {
        String executionArn = delivery.executionArn();
        for (int attempt = 0; attempt < attempts; ) {
            ExecutionRecord own = ownCommits == null ? null : ownCommits.take(executionArn);
            Optional<ExecutionRecord> loaded = own != null ? Optional.of(own) : executions.load(executionArn);
            if (loaded.isEmpty()) {
                discard(delivery);
                return false;
            }
            ExecutionRecord record = loaded.get();
            Continuation unfinished = record.state().continuation;
            if (unfinished != null && !answers(delivery, unfinished)) {
                if (attempts == 1) {
                    return null;
                }
                // The execution's last step stopped at its budget: it is finished first, so every trigger applies
                // after it, as it would after one unbounded step.
                apply(Delivery.fired(StepCommits.continuation(executionArn,
                        new Command.Continue(unfinished.ref, unfinished.at))));
                // Counted like a lost compare-and-set: a continuation that never clears must end in the error
                // below, not in a loop that holds this worker forever.
                attempt++;
                continue;
            }
            Interpreter interpreter = interpreters.apply(record.definition());
            Set<String> pendingBefore = settlesOutbox ? PendingTasks.refs(record.state()) : null;
            // The loaded state is this call's own copy (or, in memory, owned by this thread until the commit), so
            // the interpreter may change it in place.
            Instant now = clock.instant();
            Step step = interpreter.applyInPlace(record.state(), delivery.trigger(), now);
            observer.applied(delivery.trigger(), now, step);
            if (!step.changed()) {
                if (own != null) {
                    // A record kept from this runner's last commit may be stale: the stored one decides.
                    continue;
                }
                discard(delivery);
                return false;
            }
            Commit commit = StepCommits.of(executionArn, record.version(), step, pendingBefore, clock.instant(),
                    delivery.firedTimer());
            if (executions.commit(commit)) {
                if (ownCommits != null) {
                    ownCommits.keep(new ExecutionRecord(step.state(), record.definition(),
                            record.version() + 1, record.stopDate(), commit.redrivenAt() != null
                                    ? commit.redrivenAt() : record.redriveDate()));
                }
                log(record.state().start.stateMachineArn(), executionArn, step);
                recordMapRuns(record.state().start, step.commands());
                handOver(executionArn, commit, step.commands());
                return true;
            }
            if (own == null) {
                // A kept record that lost is not a race lost to a concurrent trigger: the stored one is tried next.
                attempt++;
            }
        }
        return null;
    }

    /**
     * Whether the stored execution still waits for the task {@code ref}: what a worker asks before calling a task
     * whose message may have come twice. When this runner keeps its own commits, the record read is kept like one
     * it committed, so the answer that follows the call is applied to it without a second read.
     */
    public boolean waitsFor(String executionArn, String ref) {
        Optional<ExecutionRecord> loaded = executions.load(executionArn);
        boolean waits = loaded.isPresent() && PendingTasks.isPending(loaded.get().state(), ref);
        if (waits && ownCommits != null) {
            ownCommits.keep(loaded.get());
        }
        return waits;
    }

    private static boolean answers(Delivery delivery, Continuation continuation) {
        return delivery.trigger() instanceof Trigger.TimerFired fired && fired.ref().equals(continuation.ref);
    }

    private void discard(Delivery delivery) {
        if (delivery.firedTimer() != null) {
            timers.discard(delivery.firedTimer());
        }
    }

    private void log(String stateMachineArn, String executionArn, Step step) {
        if (!step.events().isEmpty()) {
            logs.append(stateMachineArn, executionArn, step.state().redriveCount, step.events());
        }
    }

    /**
     * Opens the record of a Map Run the commit started and closes that of one it stopped, before the commands go to
     * the worker that starts or stops the children (on AWS a task-queue hop later): AWS has the record, and closed,
     * by the time the history says MapRunStarted or the run failed. The commands open and close it too, idempotently,
     * should this process die before it did.
     */
    private void recordMapRuns(ExecutionStart start, List<Command> commands) {
        for (Command command : commands) {
            try {
                if (command instanceof Command.StartChildren children) {
                    mapRuns.started(children, start.executionArn(), start.stateMachineArn(), clock.instant());
                } else if (command instanceof Command.StopChildren stop) {
                    mapRuns.ended(stop.mapRunArn(), stop.status(), clock.instant());
                }
            } catch (RuntimeException e) {
                // The step is committed: its commands must still be handed over, and they record the run themselves.
                LOG.log(System.Logger.Level.WARNING, "could not record the Map Run of " + start.executionArn()
                        + " before handing over its commands; they will", e);
            }
        }
    }

    /** Hands the committed timers and tasks to their ports; tokens need nothing more than the commit. */
    private void handOver(String executionArn, Commit commit, List<Command> commands) {
        if (!commit.timers().isEmpty()) {
            timers.schedule(commit.timers());
        }
        for (Command command : commands) {
            Optional<Command.InvokeTask> internal = ChildCommands.asTask(command);
            if (internal.isPresent()) {
                tasks.dispatch(executionArn, internal.get());
            } else if (command instanceof Command.InvokeTask invoke) {
                tasks.dispatch(executionArn, invoke);
            } else if (command instanceof Command.Continue next) {
                continuations.enqueue(Delivery.fired(StepCommits.continuation(executionArn, next)));
            }
        }
    }
}
