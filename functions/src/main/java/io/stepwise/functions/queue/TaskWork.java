package io.stepwise.functions.queue;

import io.stepwise.engine.Command;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.runtime.Delivery;
import io.stepwise.runtime.TaskInvoker;
import io.stepwise.runtime.TransitionQueue;
import io.stepwise.runtime.TransitionRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * What the consumer of the task queue does with a message: call the task's integration and apply its answer to the
 * execution with one compare-and-set, or, when another step of the execution committed first, put the answer on the
 * transition queue, whose consumer applies one execution's triggers one at a time. A sequential workflow's answers
 * thus skip the queue (a FIFO send, receive and delete and a transition invocation each) while concurrent branches'
 * answers still never storm the compare-and-set. A callback task handed over (its answer comes through SendTask*)
 * is claimed until settled, so no outbox sweep sends it again while it waits.
 *
 * <p>With a {@link TaskChain}, the worker then calls the next task its commit handed over itself, and so on, while
 * the invocation has time left for it (see {@link #fits}) and up to {@link #MAX_CHAINED} tasks: a sequential
 * workflow's tasks run in one invocation instead of a queue round trip and an invocation each. Should the worker
 * die mid-chain, the task it was calling is still in the outbox, claimed by its commit as a queued one would be,
 * and the sweep dispatches it again when the claim runs out, exactly as for a lost queue message; the message that
 * started the chain comes back too, and is dropped without a call, its task being answered already
 * ({@link #stillWaitedFor}).
 */
public final class TaskWork {
    /** A claim no sweep outlives: the task waits for SendTask*, its timeout or a stop. */
    static final Instant UNTIL_SETTLED = Instant.parse("9999-12-31T23:59:59Z");
    /** Tasks one invocation calls after its message's, so that one execution cannot hold a worker indefinitely. */
    static final int MAX_CHAINED = 25;
    /**
     * What a task without {@code TimeoutSeconds} is assumed to need: most calls take milliseconds, and one that runs
     * past the invocation's end is recovered by the sweep like a lost message, only later.
     */
    static final Duration UNTIMED_TASK = Duration.ofMinutes(5);
    /** Time kept back for committing the last chained task's answer and returning the batch. */
    static final Duration MARGIN = Duration.ofSeconds(10);

    private final TaskInvoker invoker;
    private final TransitionRunner runner;
    private final TransitionQueue transitions;
    private final ExecutionStore executions;
    private final TaskChain chain;

    /** A worker that calls its message's task only. */
    public TaskWork(TaskInvoker invoker, TransitionRunner runner, TransitionQueue transitions,
            ExecutionStore executions) {
        this(invoker, runner, transitions, executions, null);
    }

    /** @param chain the dispatcher of {@code runner}, or {@code null} to call only the message's task */
    public TaskWork(TaskInvoker invoker, TransitionRunner runner, TransitionQueue transitions,
            ExecutionStore executions, TaskChain chain) {
        this.invoker = invoker;
        this.runner = runner;
        this.transitions = transitions;
        this.executions = executions;
        this.chain = chain;
    }

    /** Calls the message's task only, whatever the chain. */
    public void run(String messageBody) {
        run(messageBody, () -> 0);
    }

    /**
     * Calls the message's task, then the tasks chained after it while {@code remainingMillis} (the invocation's,
     * as Lambda's {@code Context} tells it) leaves room for them; returns how many tasks it called.
     */
    public int run(String messageBody, LongSupplier remainingMillis) {
        Optional<TaskChain.Chained> next = Optional.of(
                new TaskChain.Chained(Messages.taskExecution(messageBody), Messages.task(messageBody)))
                .filter(this::stillWaitedFor);
        int called = 0;
        while (next.isPresent()) {
            boolean mayChain = chain != null && called < MAX_CHAINED;
            next = call(next.get().executionArn(), next.get().task(),
                    mayChain ? task -> fits(task, remainingMillis.getAsLong()) : task -> false);
            called++;
        }
        return called;
    }

    /**
     * Whether the execution still waits for the message's task. A message comes again when the worker that had it
     * died before its batch was acknowledged (mid-chain, say) and, rarely, from the queue itself; its task's answer
     * may be committed already, and calling the task again would repeat its side effects for an answer the runner
     * drops as stale. One consistent read of the execution item, before the call, spares that; the runner keeps
     * the record read for the answer ({@link TransitionRunner#waitsFor}). A task chained after it comes from the
     * commit just made, so it is waited for.
     */
    private boolean stillWaitedFor(TaskChain.Chained message) {
        return runner.waitsFor(message.executionArn(), message.task().ref());
    }

    static boolean fits(Command.InvokeTask task, long remainingMillis) {
        Duration needs = task.timeoutSeconds() == null ? UNTIMED_TASK : Duration.ofSeconds(task.timeoutSeconds());
        return remainingMillis >= needs.plus(MARGIN).toMillis();
    }

    /** Calls one task and applies its answer; returns the task that answer's commit kept for this worker, if any. */
    private Optional<TaskChain.Chained> call(String executionArn, Command.InvokeTask task,
            Predicate<Command.InvokeTask> fits) {
        Optional<Trigger> answer = invoker.invoke(executionArn, task);
        if (answer.isEmpty()) {
            executions.claim(executionArn, task.ref(), UNTIL_SETTLED);
            return Optional.empty();
        }
        Delivery delivery = Delivery.of(executionArn, answer.get());
        try (TaskChain.Hold hold = chain == null ? null : chain.hold(fits)) {
            if (!applied(delivery)) {
                transitions.enqueue(delivery);
            }
            return hold == null ? Optional.empty() : hold.kept();
        }
    }

    /**
     * Whether the answer was applied here. Any failure sends it to the queue instead of failing the message: the
     * task has been called, and a failed message would be delivered again and call it again.
     */
    private boolean applied(Delivery delivery) {
        try {
            return runner.tryDeliver(delivery);
        } catch (RuntimeException e) {
            System.err.println("stepwise: applying the answer to " + delivery.executionArn()
                    + " failed, it goes through the transition queue: " + e);
            return false;
        }
    }
}
