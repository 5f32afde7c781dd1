package io.stepwise.engine.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Durable timers, so Waits, retry backoffs and timeouts survive a restart. */
public interface TimerStore {

    /** Stores a timer; scheduling the same execution and ref again replaces its due time. */
    void schedule(Timer timer);

    /** Removes a timer if present; cancelling an unknown timer is a no-op. */
    void cancel(String executionArn, String ref);

    /** Up to {@code limit} timers due at or before {@code now}, earliest first. */
    List<Timer> due(Instant now, int limit);

    /** The earliest timer, due or not: what a virtual clock jumps to. */
    Optional<Timer> next();

    /**
     * Removes the timer once fired, only if it is still stored with the same due time: a timer rescheduled
     * meanwhile survives. Returns {@code false} when nothing was removed.
     */
    boolean remove(Timer timer);
}
