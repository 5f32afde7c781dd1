package io.stepwise.local.runtime;

import io.stepwise.engine.Command;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.TaskOutbox;
import io.stepwise.runtime.Delivery;
import io.stepwise.runtime.TaskDispatcher;
import io.stepwise.runtime.TaskInvoker;
import io.stepwise.runtime.TransitionQueue;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The task dispatcher of one process: each task is called on a bounded pool and its answer enqueued on the
 * transition queue, so a slow integration holds a task worker and never a step. A callback task handed over is
 * claimed until settled, so the {@link OutboxSweeper} does not send it again while it waits for its answer.
 */
public final class ExecutorTaskDispatcher implements TaskDispatcher {
    /** A claim no sweep outlives: the task waits for SendTask*, a timeout or a restart. */
    static final Instant UNTIL_SETTLED = Instant.parse("9999-12-31T23:59:59Z");

    private final Executor workers;
    private final TaskInvoker invoker;
    private final TransitionQueue transitions;
    private final TaskOutbox outbox;
    private final AtomicInteger inFlight = new AtomicInteger();

    /** @param workers the bounded pool integrations run on; the caller owns its lifecycle */
    public ExecutorTaskDispatcher(Executor workers, TaskInvoker invoker, TransitionQueue transitions,
            TaskOutbox outbox) {
        this.workers = workers;
        this.invoker = invoker;
        this.transitions = transitions;
        this.outbox = outbox;
    }

    @Override
    public void dispatch(String executionArn, Command.InvokeTask task) {
        inFlight.incrementAndGet();
        try {
            workers.execute(() -> {
                try {
                    Optional<Trigger> answer = invoker.invoke(executionArn, task);
                    if (answer.isPresent()) {
                        transitions.enqueue(Delivery.of(executionArn, answer.get()));
                    } else {
                        outbox.claim(executionArn, task.ref(), UNTIL_SETTLED);
                    }
                } finally {
                    // After the enqueue, so that the process never looks idle between a call and its answer.
                    inFlight.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            throw e;
        }
    }

    /** Whether no integration call is running: a virtual clock may only jump forward then. */
    public boolean isIdle() {
        return inFlight.get() == 0;
    }
}
