package io.stepwise.engine.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TimerStore} adapter must do. */
public abstract class TimerStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private TimerStore store;

    protected abstract TimerStore createStore();

    @BeforeEach
    void setUp() {
        store = createStore();
    }

    @Test
    void dueReturnsTimersUpToNowEarliestFirst() {
        Timer late = new Timer("e1", "w#2", T0.plusSeconds(20));
        Timer early = new Timer("e2", "w#1", T0.plusSeconds(10));
        Timer future = new Timer("e1", "w#3", T0.plusSeconds(99));
        store.schedule(late);
        store.schedule(early);
        store.schedule(future);

        assertThat(store.due(T0.plusSeconds(20), 10)).containsExactly(early, late);
        assertThat(store.due(T0.plusSeconds(20), 1)).containsExactly(early);
        assertThat(store.due(T0, 10)).isEmpty();
        assertThat(store.next()).contains(early);
    }

    @Test
    void schedulingTheSameRefAgainReplacesItsDueTime() {
        store.schedule(new Timer("e1", "hb", T0));
        store.schedule(new Timer("e1", "hb", T0.plusSeconds(5)));

        assertThat(store.due(T0.plusSeconds(100), 10)).containsExactly(new Timer("e1", "hb", T0.plusSeconds(5)));
    }

    @Test
    void cancelAndRemoveDropTimers() {
        Timer a = new Timer("e1", "a", T0);
        Timer b = new Timer("e1", "b", T0);
        store.schedule(a);
        store.schedule(b);
        store.cancel("e1", "a");
        store.cancel("e1", "unknown");

        assertThat(store.remove(new Timer("e1", "b", T0.plusSeconds(1)))).as("rescheduled meanwhile").isFalse();
        assertThat(store.remove(b)).isTrue();
        assertThat(store.remove(b)).isFalse();
        assertThat(store.next()).isEmpty();
    }
}
