package io.stepwise.functions.queue;

import io.stepwise.engine.port.TaskOutbox;
import io.stepwise.engine.port.Timer;
import io.stepwise.engine.port.TimerStore;
import io.stepwise.runtime.Delivery;
import io.stepwise.runtime.OutboxRedelivery;
import io.stepwise.runtime.TaskDispatcher;
import io.stepwise.runtime.TransitionQueue;
import java.time.Instant;
import java.util.List;

/**
 * The recovery any instance may run on a schedule: tasks committed but never answered (their claim ran out) are
 * dispatched again, and stored timers that are due are fired again in case their message was lost. Both are safe
 * to repeat: claims are atomic, and a fire or answer that finds nothing pending is a no-op.
 */
public final class Sweeps {
    private final OutboxRedelivery outbox;
    private final TimerStore timers;
    private final TransitionQueue transitions;

    public Sweeps(TaskOutbox taskOutbox, TimerStore timers, TaskDispatcher tasks, TransitionQueue transitions) {
        this.outbox = new OutboxRedelivery(taskOutbox, tasks);
        this.timers = timers;
        this.transitions = transitions;
    }

    /** Dispatches again every task whose claim ran out by {@code now} on the wall clock; returns how many. */
    public int sweepOutbox(Instant now) {
        return outbox.sweep(now);
    }

    /** Fires every stored timer due by {@code now}; returns how many. */
    public int fireDueTimers(Instant now) {
        List<Timer> due = timers.due(now, Integer.MAX_VALUE);
        for (Timer timer : due) {
            transitions.enqueue(Delivery.fired(timer));
        }
        return due.size();
    }
}
