package io.stepwise.runtime;

import io.stepwise.engine.port.OutboxEntry;
import io.stepwise.engine.port.TaskOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Dispatches again the tasks that were committed but never answered (their claim ran out: the call was lost, or
 * its answer was). Claims are taken in the store, so any number of instances may sweep one store; a task
 * dispatched twice is answered twice and applied once, since the answer names the task attempt.
 */
public final class OutboxRedelivery {
    private static final int BATCH = 100;
    /** How long a swept task is held before the next sweep may take it: AWS's longest Lambda call, and a minute. */
    static final Duration LEASE = Duration.ofSeconds(900 + 60);

    private final TaskOutbox outbox;
    private final TaskDispatcher tasks;

    public OutboxRedelivery(TaskOutbox outbox, TaskDispatcher tasks) {
        this.outbox = outbox;
        this.tasks = tasks;
    }

    /**
     * Dispatches every task of the outbox again, claimed or not, since the process that committed it may have died
     * before its answer was committed; activity tasks go back to their (in-memory) queues this way. Call once at
     * the start of a single-process runtime, before serving; a fleet relies on the sweep instead. Returns how many
     * tasks it dispatched.
     */
    public int resumeDispatch() {
        List<OutboxEntry> unsettled = outbox.outbox();
        for (OutboxEntry entry : unsettled) {
            tasks.dispatch(entry.executionArn(), entry.task());
        }
        return unsettled.size();
    }

    /** Dispatches again every task whose claim ran out by {@code now} on the wall clock; returns how many. */
    public int sweep(Instant now) {
        return sweep(now, () -> true);
    }

    /**
     * {@link #sweep(Instant)} that stops after a batch once {@code keepGoing} turns false, so a worker being
     * closed does not drain a large outbox first.
     */
    public int sweep(Instant now, BooleanSupplier keepGoing) {
        int swept = 0;
        List<OutboxEntry> claimed;
        do {
            claimed = outbox.claimOutbox(now, now.plus(LEASE), BATCH);
            for (OutboxEntry entry : claimed) {
                tasks.dispatch(entry.executionArn(), entry.task());
            }
            swept += claimed.size();
        } while (claimed.size() == BATCH && keepGoing.getAsBoolean());
        return swept;
    }
}
