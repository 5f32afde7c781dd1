package io.stepwise.local.runtime;

import io.stepwise.runtime.Delivery;
import io.stepwise.runtime.TransitionQueue;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The transition queue of one process: deliveries wait in memory and a fixed pool of workers applies them. The
 * deliveries of one execution are applied one at a time in arrival order (they would only contend on its
 * compare-and-set otherwise); different executions proceed in parallel, so a slow step occupies one worker and
 * delays no other execution. Nothing here is durable: a delivery lost with the process is recovered from the store
 * (timers are still stored, tasks still in the outbox).
 */
public final class InProcessTransitionQueue implements TransitionQueue, AutoCloseable {
    private final ExecutorService workers;
    /** The deliveries waiting per execution; an execution has an entry exactly while one worker drains it. */
    private final Map<String, Deque<Delivery>> waiting = new HashMap<>();
    private final AtomicInteger unfinished = new AtomicInteger();
    private volatile Consumer<Delivery> apply;

    public InProcessTransitionQueue(int workerCount) {
        this.workers = Executors.newFixedThreadPool(workerCount, runnable -> {
            Thread thread = new Thread(runnable, "stepwise-transition");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts handing deliveries to {@code apply} (normally a runner's {@code deliver}). Separate from the
     * constructor because the runner usually needs the queue's producers first.
     */
    public void start(Consumer<Delivery> apply) {
        this.apply = apply;
    }

    @Override
    public void enqueue(Delivery delivery) {
        if (apply == null) {
            throw new IllegalStateException("the transition queue was not started");
        }
        unfinished.incrementAndGet();
        synchronized (waiting) {
            Deque<Delivery> queue = waiting.get(delivery.executionArn());
            if (queue != null) {
                queue.add(delivery);
                return;
            }
            queue = new ArrayDeque<>();
            queue.add(delivery);
            waiting.put(delivery.executionArn(), queue);
        }
        workers.execute(() -> drainOne(delivery.executionArn()));
    }

    /** Whether every delivery accepted so far has been applied: a virtual clock may only jump then. */
    public boolean isIdle() {
        return unfinished.get() == 0;
    }

    /**
     * Applies the oldest delivery of the execution, then queues the execution again behind the others rather than
     * draining it to the end, so one busy execution cannot hold a worker against the rest.
     */
    private void drainOne(String executionArn) {
        Delivery next;
        synchronized (waiting) {
            next = waiting.get(executionArn).peek();
        }
        try {
            apply.accept(next);
        } catch (RuntimeException e) {
            // The delivery is dropped: a timer is still stored and fires again, a task is still in the outbox.
            System.err.println("stepwise: applying " + next.trigger().getClass().getSimpleName() + " to "
                    + executionArn + " failed: " + e);
        } finally {
            unfinished.decrementAndGet();
        }
        boolean more;
        synchronized (waiting) {
            Deque<Delivery> queue = waiting.get(executionArn);
            queue.poll();
            more = !queue.isEmpty();
            if (!more) {
                waiting.remove(executionArn);
            }
        }
        if (more) {
            workers.execute(() -> drainOne(executionArn));
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
