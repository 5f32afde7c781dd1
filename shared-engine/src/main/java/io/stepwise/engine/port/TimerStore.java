package io.stepwise.engine.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable timers, so Waits, retry backoffs and timeouts survive a restart. Timers are started and cancelled only by
 * {@link ExecutionStore} commits, in the same transaction as the state that waits for them; this port fires them.
 */
public interface TimerStore {

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
