package io.stepwise.local.runtime;

import io.stepwise.engine.Command;
import io.stepwise.runtime.Delivery;
import io.stepwise.runtime.TaskDispatcher;
import io.stepwise.runtime.TaskInvoker;
import io.stepwise.runtime.TransitionQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The task dispatcher of one process: each task is called on a bounded pool and its answer enqueued on the
 * transition queue, so a slow integration holds a task worker and never a step.
 */
public final class ExecutorTaskDispatcher implements TaskDispatcher {
    private final Executor workers;
    private final TaskInvoker invoker;
    private final TransitionQueue transitions;
    private final AtomicInteger inFlight = new AtomicInteger();

    /** @param workers the bounded pool integrations run on; the caller owns its lifecycle */
    public ExecutorTaskDispatcher(Executor workers, TaskInvoker invoker, TransitionQueue transitions) {
        this.workers = workers;
        this.invoker = invoker;
        this.transitions = transitions;
    }

    @Override
    public void dispatch(String executionArn, Command.InvokeTask task) {
        inFlight.incrementAndGet();
        try {
            workers.execute(() -> {
                try {
                    invoker.invoke(executionArn, task)
                            .ifPresent(answer -> transitions.enqueue(Delivery.of(executionArn, answer)));
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
