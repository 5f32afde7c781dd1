package io.stepwise.engine.port;

import static io.stepwise.engine.port.StoreFixtures.T0;
import static io.stepwise.engine.port.StoreFixtures.WAIT_DEFINITION;
import static io.stepwise.engine.port.StoreFixtures.arn;
import static io.stepwise.engine.port.StoreFixtures.effects;
import static io.stepwise.engine.port.StoreFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.Step;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TimerStore} adapter must do. Timers are written only by execution commits, so an adapter's
 * test supplies both stores over the same storage.
 */
public abstract class TimerStoreContract {
    private ExecutionStore executions;
    private TimerStore store;

    /** A new, empty execution store. */
    protected abstract ExecutionStore createExecutionStore();

    /** The timer store that sees the timers the execution store created last commits. */
    protected abstract TimerStore timerStore();

    @BeforeEach
    void setUp() {
        executions = createExecutionStore();
        store = timerStore();
    }

    /** Commits timer changes to the execution {@code name}, creating it first if needed. */
    private void commitTimers(String name, List<Timer> started, List<String> cancelled) {
        Optional<ExecutionRecord> loaded = executions.load(arn(name));
        if (loaded.isEmpty()) {
            Step step = started(name, T0);
            executions.create(StoreFixtures.commit(arn(name), 0, step.state(), step.events(), T0), WAIT_DEFINITION);
            loaded = executions.load(arn(name));
        }
        assertThat(executions.commit(effects(loaded.orElseThrow(), List.of(), started, cancelled, List.of(),
                List.of()))).isTrue();
    }

    private Timer schedule(String name, String ref, Instant dueAt) {
        Timer timer = new Timer(arn(name), ref, dueAt);
        commitTimers(name, List.of(timer), List.of());
        return timer;
    }

    @Test
    void dueReturnsTimersUpToNowEarliestFirst() {
        Timer late = schedule("e1", "w#2", T0.plusSeconds(20));
        Timer early = schedule("e2", "w#1", T0.plusSeconds(10));
        schedule("e1", "w#3", T0.plusSeconds(99));

        assertThat(store.due(T0.plusSeconds(20), 10)).containsExactly(early, late);
        assertThat(store.due(T0.plusSeconds(20), 1)).containsExactly(early);
        assertThat(store.due(T0, 10)).isEmpty();
        assertThat(store.next()).contains(early);
    }

    @Test
    void schedulingTheSameRefAgainReplacesItsDueTime() {
        schedule("e1", "hb", T0);
        schedule("e1", "hb", T0.plusSeconds(5));

        assertThat(store.due(T0.plusSeconds(100), 10)).containsExactly(new Timer(arn("e1"), "hb", T0.plusSeconds(5)));
    }

    @Test
    void cancelAndRemoveDropTimers() {
        schedule("e1", "a", T0);
        Timer b = schedule("e1", "b", T0);
        commitTimers("e1", List.of(), List.of("a", "unknown"));

        assertThat(store.remove(new Timer(arn("e1"), "b", T0.plusSeconds(1)))).as("rescheduled meanwhile").isFalse();
        assertThat(store.remove(b)).isTrue();
        assertThat(store.remove(b)).isFalse();
        assertThat(store.next()).isEmpty();
    }
}
