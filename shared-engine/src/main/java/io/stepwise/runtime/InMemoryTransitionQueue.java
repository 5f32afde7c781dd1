package io.stepwise.runtime;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The deliveries of one in-memory run, applied in the order they were queued by the thread that owns the run;
 * a continuation goes ahead of them all, since the step it continues is not finished yet.
 */
final class InMemoryTransitionQueue implements TransitionQueue {
    private final Deque<Delivery> deliveries = new ArrayDeque<>();

    @Override
    public void enqueue(Delivery delivery) {
        deliveries.addLast(delivery);
    }

    /** Queues {@code delivery} ahead of every other. */
    void enqueueFirst(Delivery delivery) {
        deliveries.addFirst(delivery);
    }

    /** The next delivery, or {@code null} when none is queued. */
    Delivery poll() {
        return deliveries.pollFirst();
    }
}
