package io.stepwise.functions.queue;

import io.stepwise.engine.Command;
import io.stepwise.runtime.TaskDispatcher;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The task dispatcher of the functions' runner: hands tasks to the task queue, except while a task worker applies
 * the answer of a task it has just called ({@link #hold}). Then the first task that answer's commit hands over and
 * that fits the worker's remaining time is kept for the worker to call next in the same invocation, sparing the
 * queue's send, receive and delete and an invocation; every other task of the commit still goes to the queue, so
 * parallel branches run in parallel.
 *
 * <p>A kept task is in the outbox exactly as a queued one is: committed with the step, claimed by the commit for as
 * long as its call may take. A worker that dies before its answer is committed therefore leaves what a lost queue
 * message leaves, and the outbox sweep dispatches the task again once the claim has run out.
 */
public final class TaskChain implements TaskDispatcher {
    private final TaskDispatcher queue;
    /** The hold of the thread applying an answer, if any: a runner is shared by every thread of the function. */
    private final ThreadLocal<Hold> holds = new ThreadLocal<>();

    public TaskChain(TaskDispatcher queue) {
        this.queue = queue;
    }

    @Override
    public void dispatch(String executionArn, Command.InvokeTask task) {
        Hold hold = holds.get();
        if (hold == null || !hold.keep(executionArn, task)) {
            queue.dispatch(executionArn, task);
        }
    }

    /**
     * Until the returned hold is closed, this thread's first dispatched task that {@code fits} is kept in it instead
     * of going to the queue.
     */
    public Hold hold(Predicate<Command.InvokeTask> fits) {
        Hold hold = new Hold(fits);
        holds.set(hold);
        return hold;
    }

    /** A task kept for the worker that committed it. */
    public record Chained(String executionArn, Command.InvokeTask task) {
    }

    /** One commit's chance to keep a task; see {@link #hold}. */
    public final class Hold implements AutoCloseable {
        private final Predicate<Command.InvokeTask> fits;
        private Chained kept;

        private Hold(Predicate<Command.InvokeTask> fits) {
            this.fits = fits;
        }

        private boolean keep(String executionArn, Command.InvokeTask task) {
            if (kept != null || !fits.test(task)) {
                return false;
            }
            kept = new Chained(executionArn, task);
            return true;
        }

        public Optional<Chained> kept() {
            return Optional.ofNullable(kept);
        }

        @Override
        public void close() {
            holds.remove();
        }
    }
}
