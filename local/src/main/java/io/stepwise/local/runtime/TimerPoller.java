package io.stepwise.local.runtime;

import io.stepwise.engine.port.Timer;
import io.stepwise.engine.port.TimerStore;
import io.stepwise.runtime.Delivery;
import io.stepwise.runtime.TimerService;
import io.stepwise.runtime.TransitionQueue;
import io.stepwise.runtime.VirtualClock;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The timer service of one process over stored timers: a single thread polls the {@link TimerStore} and only
 * enqueues each due timer's fire on the {@link TransitionQueue}; it never applies a step itself, so a slow or
 * failing step cannot hold up other timers. The timer row stays until the commit of the step that answers it
 * consumes it (or the fire is discarded as answering nothing), so a fire lost in a crash or a failed step fires
 * again: after a restart, or here once its lease runs out. With a {@link VirtualClock} the clock jumps to the
 * next timer whenever the process is idle.
 */
public final class TimerPoller implements TimerService, AutoCloseable {
    private static final int BATCH = 100;
    /**
     * Fires enqueued and not yet consumed at most: enough to keep every transition worker busy, and few enough that
     * each poll (which reads them back to see which were consumed) stays cheap when 100,000 Waits end at once.
     */
    static final int MAX_IN_FLIGHT = 1_000;
    private static final long POLL_MILLIS = 20;
    /** A fire not consumed this long after it was enqueued is enqueued again, the way a queue redelivers. */
    private static final long LEASE_NANOS = Duration.ofSeconds(30).toNanos();

    private final TimerStore timers;
    private final TransitionQueue queue;
    private final Clock clock;
    private final BooleanSupplier idle;
    private final DaemonWorker worker;
    /** Fires enqueued and not yet consumed, with when they were enqueued ({@link System#nanoTime()}). */
    private final Map<Timer, Long> inFlight = new HashMap<>();

    /** @param idle whether no step or task is running or waiting: the only time a virtual clock may jump */
    public TimerPoller(TimerStore timers, TransitionQueue queue, Clock clock, BooleanSupplier idle) {
        this.timers = timers;
        this.queue = queue;
        this.clock = clock;
        this.idle = idle;
        this.worker = new DaemonWorker("stepwise-timers", this::loop);
    }

    public void start() {
        worker.start();
    }

    /** Stored timers are found by polling; nothing to take over. */
    @Override
    public void schedule(List<Timer> started) {
    }

    @Override
    public void discard(Timer fired) {
        timers.remove(fired);
    }

    /** Enqueues the fire of every due timer not already in flight; returns how many it enqueued. */
    public synchronized int fireDue() {
        // Asking for the in-flight ones too, so that BATCH new ones are seen behind them.
        List<Timer> due = timers.due(clock.instant(), BATCH + inFlight.size());
        // A fire no longer due was consumed or discarded: it is done.
        inFlight.keySet().retainAll(new HashSet<>(due));
        long now = System.nanoTime();
        int fired = 0;
        for (Timer timer : due) {
            if (fired == BATCH) {
                break;
            }
            Long enqueuedAt = inFlight.get(timer);
            boolean leased = enqueuedAt != null && now - enqueuedAt < LEASE_NANOS;
            boolean full = enqueuedAt == null && inFlight.size() >= MAX_IN_FLIGHT;
            if (leased || full) {
                continue;
            }
            inFlight.put(timer, now);
            queue.enqueue(Delivery.fired(timer));
            fired++;
        }
        return fired;
    }

    private void loop() {
        while (worker.running()) {
            try {
                if (fireDue() == 0 && !jumpVirtualClock()) {
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                System.err.println("stepwise: polling timers failed, will retry: " + e);
                sleepQuietly();
            }
        }
    }

    /** Moves a virtual clock to the next timer if nothing else can happen before it; returns whether it did. */
    private boolean jumpVirtualClock() {
        if (!(clock instanceof VirtualClock virtual) || !idle.getAsBoolean()) {
            return false;
        }
        Optional<Timer> next = timers.next();
        // A due timer whose fire is leased has nothing to jump to: wait for its lease instead of spinning.
        if (next.isEmpty() || !next.get().dueAt().isAfter(clock.instant())) {
            return false;
        }
        virtual.advanceTo(next.get().dueAt());
        return true;
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
        worker.close();
    }
}
