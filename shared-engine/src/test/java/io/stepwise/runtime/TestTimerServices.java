package io.stepwise.runtime;

import io.stepwise.engine.port.Timer;
import io.stepwise.engine.port.TimerStore;
import java.util.List;

/** Timer services for tests that fire due timers themselves, from the store, on a virtual clock. */
public final class TestTimerServices {
    private TestTimerServices() {
    }

    /** Schedules nothing (the commit stored the timers; the test fires those due) and discards from {@code store}. */
    public static TimerService readingStore(TimerStore store) {
        return new TimerService() {
            @Override
            public void schedule(List<Timer> timers) {
            }

            @Override
            public void discard(Timer fired) {
                store.remove(fired);
            }
        };
    }

    /** Does nothing: for a runner whose timers nobody fires. */
    public static TimerService none() {
        return new TimerService() {
            @Override
            public void schedule(List<Timer> timers) {
            }

            @Override
            public void discard(Timer fired) {
            }
        };
    }
}
