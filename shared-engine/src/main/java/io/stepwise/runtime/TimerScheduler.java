package io.stepwise.runtime;

import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.Timer;
import io.stepwise.engine.port.TimerStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Fires durable timers: a single thread polls the {@link TimerStore} and delivers {@code TimerFired}. A timer is
 * removed only after its trigger was delivered, so a crash in between fires it again, which the interpreter
 * ignores if it no longer waits for it. With a {@link VirtualClock} the clock jumps to the next timer whenever no
 * task is running.
 */
public final class TimerScheduler implements AutoCloseable {
    private static final int BATCH = 100;
    private static final long POLL_MILLIS = 20;

    private final TimerStore timers;
    private final TransitionRunner runner;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean running = true;

    public TimerScheduler(TimerStore timers, TransitionRunner runner, Clock clock) {
        this.timers = timers;
        this.runner = runner;
        this.clock = clock;
        this.thread = new Thread(this::loop, "stepwise-timers");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Fires every timer due now; returns how many fired. */
    public int fireDue() {
        List<Timer> due = timers.due(clock.instant(), BATCH);
        for (Timer timer : due) {
            runner.deliver(timer.executionArn(), new Trigger.TimerFired(timer.ref()));
            timers.remove(timer);
        }
        return due.size();
    }

    private void loop() {
        while (running) {
            try {
                if (fireDue() == 0 && !jumpVirtualClock()) {
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                System.err.println("stepwise: timer delivery failed, will retry: " + e);
                sleepQuietly();
            }
        }
    }

    private boolean jumpVirtualClock() {
        if (!(clock instanceof VirtualClock virtual) || !runner.isIdle()) {
            return false;
        }
        Optional<Timer> next = timers.next();
        next.ifPresent(timer -> virtual.advanceTo(timer.dueAt()));
        return next.isPresent();
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(POLL_MILLIS * 10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
