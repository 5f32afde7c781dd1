package io.stepwise.engine.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable timers, so Waits, retry backoffs and timeouts survive a restart. Timers are started, cancelled and
 * consumed by {@link ExecutionCommits} commits, together with the state that waits for them; this port
 * finds the due ones.
 */
public interface TimerStore {

    /** Up to {@code limit} timers due at or before {@code now}, earliest first. */
    List<Timer> due(Instant now, int limit);

    /** The earliest timer, due or not: what a virtual clock jumps to. */
    Optional<Timer> next();

    /**
     * Removes a fired timer that answered nothing (a fire that does answer is consumed by the commit of its step),
     * only if it is still stored with the same due time: a timer rescheduled meanwhile survives. Returns
     * {@code false} when nothing was removed.
     */
    boolean remove(Timer timer);
}
