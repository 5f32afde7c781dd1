package io.stepwise.local.runtime;

import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.OutboxEntry;
import io.stepwise.runtime.TaskDispatcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Recovers tasks that were committed but never answered, without waiting for a restart: every few seconds it
 * claims the outbox tasks whose claim ran out (the call was lost, or its answer was) and dispatches them again.
 * Claims are taken in the store, so any number of instances may sweep one store; a task dispatched twice is
 * answered twice and applied once, since the answer names the task attempt.
 */
public final class OutboxSweeper implements AutoCloseable {
    private static final int BATCH = 100;
    private static final long INTERVAL_MILLIS = 5_000;
    /** How long a swept task is held before the next sweep may take it: AWS's longest Lambda call, and a minute. */
    static final Duration LEASE = Duration.ofSeconds(900 + 60);

    private final ExecutionStore executions;
    private final TaskDispatcher tasks;
    private final Clock wallClock;
    private final DaemonWorker worker;

    /** @param wallClock real time, never a virtual clock: claims measure how long calls take */
    public OutboxSweeper(ExecutionStore executions, TaskDispatcher tasks, Clock wallClock) {
        this.executions = executions;
        this.tasks = tasks;
        this.wallClock = wallClock;
        this.worker = new DaemonWorker("stepwise-outbox-sweep", this::loop);
    }

    public void start() {
        worker.start();
    }

    /** Dispatches again every task whose claim ran out by {@code now}; returns how many. */
    public int sweep(Instant now) {
        int swept = 0;
        List<OutboxEntry> claimed;
        do {
            claimed = executions.claimOutbox(now, now.plus(LEASE), BATCH);
            for (OutboxEntry entry : claimed) {
                tasks.dispatch(entry.executionArn(), entry.task());
            }
            swept += claimed.size();
        } while (claimed.size() == BATCH && worker.running());
        return swept;
    }

    private void loop() {
        while (worker.running()) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
                int swept = sweep(wallClock.instant());
                if (swept > 0) {
                    System.err.println("stepwise: dispatched again " + swept + " task(s) whose answer never came");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                System.err.println("stepwise: sweeping the task outbox failed, will retry: " + e);
            }
        }
    }

    @Override
    public void close() {
        worker.close();
    }
}
