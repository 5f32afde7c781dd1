package io.stepwise.local.runtime;

import io.stepwise.engine.port.TaskOutbox;
import io.stepwise.runtime.OutboxRedelivery;
import io.stepwise.runtime.TaskDispatcher;
import java.time.Clock;
import java.time.Instant;

/**
 * Recovers tasks that were committed but never answered without waiting for a restart: every few seconds it runs
 * an {@link OutboxRedelivery} sweep.
 */
public final class OutboxSweeper implements AutoCloseable {
    private static final long INTERVAL_MILLIS = 5_000;

    private final OutboxRedelivery outbox;
    private final Clock wallClock;
    private final DaemonWorker worker;

    /** @param wallClock real time, never a virtual clock: claims measure how long calls take */
    public OutboxSweeper(TaskOutbox taskOutbox, TaskDispatcher tasks, Clock wallClock) {
        this.outbox = new OutboxRedelivery(taskOutbox, tasks);
        this.wallClock = wallClock;
        this.worker = new DaemonWorker("stepwise-outbox-sweep", this::loop);
    }

    public void start() {
        worker.start();
    }

    /** Dispatches every unsettled task again, claimed or not: see {@link OutboxRedelivery#resumeDispatch()}. */
    public int resumeDispatch() {
        return outbox.resumeDispatch();
    }

    /** Dispatches again every task whose claim ran out by {@code now}; returns how many. */
    public int sweep(Instant now) {
        return outbox.sweep(now, worker::running);
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
