package io.stepwise.functions.queue;

import io.stepwise.engine.port.Timer;
import io.stepwise.runtime.Delivery;
import io.stepwise.runtime.TransitionQueue;
import java.time.Clock;

/**
 * What the consumer of the timer queue does with a message: a due timer's fire goes to the execution's group on the
 * transition queue, so it is applied in turn with the execution's other triggers; a timer not due yet is sent
 * again, delayed by what remains.
 */
public final class TimerRelay {
    private final SqsTimerService timers;
    private final TransitionQueue transitions;
    private final Clock clock;

    public TimerRelay(SqsTimerService timers, TransitionQueue transitions, Clock clock) {
        this.timers = timers;
        this.transitions = transitions;
        this.clock = clock;
    }

    public void relay(String messageBody) {
        Timer timer = Messages.timer(messageBody);
        if (timer.dueAt().isAfter(clock.instant())) {
            timers.send(timer);
        } else {
            transitions.enqueue(Delivery.fired(timer));
        }
    }
}
