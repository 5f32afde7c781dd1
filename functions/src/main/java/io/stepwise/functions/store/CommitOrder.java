package io.stepwise.functions.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Sequence numbers for outbox tasks in commit order: wall-clock microseconds, strictly increasing within a process.
 * Across processes the order is the wall clocks' order, which is all a recovery sweep needs: it only prefers older
 * tasks to newer ones.
 */
final class CommitOrder {
    private static final AtomicLong LAST = new AtomicLong();

    private CommitOrder() {
    }

    static long next() {
        long now = System.currentTimeMillis() * 1_000;
        return LAST.updateAndGet(last -> Math.max(last + 1, now));
    }
}
