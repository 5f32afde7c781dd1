package io.stepwise.runtime;

import io.stepwise.engine.Command;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.Step;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.OutboxEntry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.query.StatesErrors;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The durable runner shared by every runtime: load an execution, apply a trigger with the interpreter, commit the
 * new state, history, timers and task outbox conditional on the loaded version, and only then dispatch the step's
 * tasks and hand its timers to the {@link TimerService}. A trigger that changes nothing (stale or duplicate)
 * commits nothing and dispatches nothing. A task stays in the outbox until a commit settles it, so tasks a crash
 * interrupted are dispatched again at the next start: at least once, as on AWS, and a duplicate answer is a no-op
 * because it names the task attempt it answers.
 */
public final class TransitionRunner {
    /** Concurrent triggers on one execution (e.g. Parallel branches) retry their compare-and-set this often. */
    private static final int MAX_COMMIT_ATTEMPTS = 1_000;

    private final ExecutionStore executions;
    private final IntegrationRegistry integrations;
    private final Clock clock;
    private final Executor workers;
    private final TimerService timers;
    private final Interpreters interpreters = new Interpreters();
    private final AtomicInteger tasksInFlight = new AtomicInteger();

    /** @param workers the bounded pool integrations run on; the caller owns its lifecycle */
    public TransitionRunner(ExecutionStore executions, IntegrationRegistry integrations, Clock clock,
            Executor workers, TimerService timers) {
        this.executions = executions;
        this.integrations = integrations;
        this.clock = clock;
        this.workers = workers;
        this.timers = timers;
    }

    /** Starts an execution; returns {@code false} when its ARN exists already. */
    public boolean start(ExecutionStart start, String definition) {
        Step step = interpreters.forDefinition(definition).start(start);
        Commit commit = StepCommits.of(start.executionArn(), 0, step, Set.of(), clock.instant(), null);
        if (!executions.create(commit, definition)) {
            return false;
        }
        handOver(start.executionArn(), commit, step.commands());
        return true;
    }

    /**
     * Applies {@code trigger} to the execution and commits the result. Returns {@code true} if it changed the
     * execution, {@code false} if the execution is unknown or closed or the trigger answers nothing pending.
     */
    public boolean deliver(String executionArn, Trigger trigger) {
        return deliver(Delivery.of(executionArn, trigger));
    }

    /**
     * Applies the delivery's trigger and commits the result together with the consumption of the timer it fires,
     * if any. A fire that answers nothing is discarded through the {@link TimerService}. Returns {@code true} if
     * the execution changed.
     */
    public boolean deliver(Delivery delivery) {
        String executionArn = delivery.executionArn();
        for (int attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt++) {
            Optional<ExecutionRecord> loaded = executions.load(executionArn);
            if (loaded.isEmpty()) {
                discard(delivery);
                return false;
            }
            ExecutionRecord record = loaded.get();
            Interpreter interpreter = interpreters.forDefinition(record.definition());
            Set<String> pendingBefore = PendingTasks.refs(record.state());
            // The loaded state is this call's own copy, so the interpreter may change it in place.
            Step step = interpreter.applyInPlace(record.state(), delivery.trigger(), clock.instant());
            if (step.events().isEmpty() && step.commands().isEmpty()) {
                discard(delivery);
                return false;
            }
            Commit commit = StepCommits.of(executionArn, record.version(), step, pendingBefore, clock.instant(),
                    delivery.firedTimer());
            if (executions.commit(commit)) {
                handOver(executionArn, commit, step.commands());
                return true;
            }
        }
        throw new IllegalStateException("could not commit to " + executionArn + " after "
                + MAX_COMMIT_ATTEMPTS + " attempts");
    }

    private void discard(Delivery delivery) {
        if (delivery.firedTimer() != null) {
            timers.discard(delivery.firedTimer());
        }
    }

    /**
     * Dispatches every task of the outbox again, since the process that committed it may have died before its
     * answer was committed; activity tasks go back to their (in-memory) queues this way. Call once at startup,
     * before serving. Returns how many tasks it dispatched.
     */
    public int resumeDispatch() {
        List<OutboxEntry> outbox = executions.outbox();
        for (OutboxEntry entry : outbox) {
            submit(entry.executionArn(), entry.task());
        }
        return outbox.size();
    }

    /** Whether no integration call is running: a virtual clock may only jump forward then. */
    public boolean isIdle() {
        return tasksInFlight.get() == 0;
    }

    /** Timers and tokens are durable already: they were part of the commit. */
    private void handOver(String executionArn, Commit commit, List<Command> commands) {
        if (!commit.timers().isEmpty()) {
            timers.schedule(commit.timers());
        }
        for (Command command : commands) {
            if (command instanceof Command.InvokeTask invoke) {
                submit(executionArn, invoke);
            }
        }
    }

    private void submit(String executionArn, Command.InvokeTask invoke) {
        tasksInFlight.incrementAndGet();
        try {
            workers.execute(() -> {
                try {
                    invoke(executionArn, invoke);
                } finally {
                    tasksInFlight.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            tasksInFlight.decrementAndGet();
            throw e;
        }
    }

    private void invoke(String executionArn, Command.InvokeTask invoke) {
        Optional<Integration> integration = integrations.find(invoke.resource());
        TaskOutcome outcome;
        if (integration.isEmpty()) {
            outcome = new TaskOutcome.Failed(UnknownResource.error(invoke.resource()),
                    UnknownResource.cause(invoke.resource()));
        } else {
            TaskRequest request = new TaskRequest(executionArn, invoke.stateName(), invoke.resource(), invoke.input(),
                    invoke.taskToken(), invoke.timeoutSeconds(), invoke.heartbeatSeconds(), invoke.credentials());
            outcome = call(integration.get(), request);
        }
        if (outcome instanceof TaskOutcome.Succeeded succeeded) {
            deliver(executionArn, new Trigger.TaskSucceeded(invoke.ref(), succeeded.output()));
        } else if (outcome instanceof TaskOutcome.Failed failed) {
            deliver(executionArn, new Trigger.TaskFailed(invoke.ref(), failed.error(), failed.cause()));
        } else if (!(outcome instanceof TaskOutcome.Pending)) {
            throw new IllegalStateException("unhandled outcome " + outcome);
        }
    }

    private static TaskOutcome call(Integration integration, TaskRequest request) {
        try {
            TaskOutcome outcome = integration.invoke(request);
            return outcome != null ? outcome
                    : new TaskOutcome.Failed(StatesErrors.TASK_FAILED, "The integration returned no outcome");
        } catch (RuntimeException e) {
            return new TaskOutcome.Failed(StatesErrors.TASK_FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
