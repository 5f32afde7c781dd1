package io.stepwise.runtime;

import io.stepwise.engine.port.Timer;
import java.util.List;

/**
 * Fires the timers that commits start, as deliveries on a {@link TransitionQueue}. It schedules only: a late or
 * repeated fire is a no-op because the trigger names the timer it answers, so a service may fire at least once
 * and need not cancel anything.
 */
public interface TimerService {

    /**
     * Called after the commit that started {@code timers}: a service that keeps its own schedule (a delayed queue
     * message) takes them over here; one that reads the stored timers needs nothing.
     */
    void schedule(List<Timer> timers);

    /**
     * Forgets a fire that answered nothing pending (the execution moved on or ended), so it is not fired again.
     * Conditional on the due time: a timer rescheduled meanwhile under the same ref stays.
     */
    void discard(Timer fired);
}
