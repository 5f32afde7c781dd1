package io.stepwise.runtime;

import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.Timer;

/**
 * A trigger on its way to one execution.
 *
 * @param firedTimer the stored timer this trigger is the fire of, or {@code null}: the commit that applies the
 *     trigger consumes it, so a timer is gone exactly when the step that answers it is stored
 */
public record Delivery(String executionArn, Trigger trigger, Timer firedTimer) {

    /** A trigger that consumes no stored timer: a task result, a callback, a stop. */
    public static Delivery of(String executionArn, Trigger trigger) {
        return new Delivery(executionArn, trigger, null);
    }

    /** The fire of a stored timer. */
    public static Delivery fired(Timer timer) {
        return new Delivery(timer.executionArn(), new Trigger.TimerFired(timer.ref()), timer);
    }
}
