package io.stepwise.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.Timer;
import io.stepwise.engine.state.ExecutionState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryExecutionsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ARN = "arn:aws:states:us-east-1:123456789012:execution:m:e";

    private final InMemoryExecutions executions = new InMemoryExecutions();
    private final ExecutionState state = state();

    private static ExecutionState state() {
        ExecutionState state = new ExecutionState();
        state.start = new ExecutionStart(ARN, "e", "arn:aws:states:us-east-1:123456789012:stateMachine:m", "m",
                "arn:aws:iam::123456789012:role/r", "us-east-1", "{}", T0, 1L);
        return state;
    }

    private Commit commit(long expectedVersion, List<Timer> timers, List<String> cancelled, List<Timer> fired) {
        return new Commit(ARN, expectedVersion, state, List.of(), List.of(), timers, cancelled, List.of(), List.of(),
                T0, fired);
    }

    private static Timer timer(String ref, long seconds) {
        return new Timer(ARN, ref, T0.plusSeconds(seconds));
    }

    @Test
    void aCommitAppliesOnlyAtTheVersionItWasComputedFrom() {
        executions.create(commit(0, List.of(), List.of(), List.of()), "definition");

        assertThat(executions.commit(commit(1, List.of(), List.of(), List.of()))).isTrue();
        assertThat(executions.commit(commit(1, List.of(), List.of(), List.of()))).isFalse();
        assertThat(executions.load(ARN)).hasValueSatisfying(record -> {
            assertThat(record.version()).isEqualTo(2);
            assertThat(record.state()).isSameAs(state);
            assertThat(record.definition()).isEqualTo("definition");
        });
        assertThat(executions.create(commit(0, List.of(), List.of(), List.of()), "other")).isFalse();
    }

    @Test
    void timersComeDueInOrderAndACancelledOrRestartedOneIsGone() {
        executions.create(commit(0, List.of(timer("late", 30), timer("a", 10), timer("b", 10), timer("gone", 5)),
                List.of(), List.of()), "definition");
        executions.commit(commit(1, List.of(timer("late", 20)), List.of("gone"), List.of()));

        assertThat(executions.next()).contains(timer("a", 10));
        assertThat(executions.due(T0.plusSeconds(20), 10)).extracting(Timer::ref).containsExactly("a", "b", "late");
        assertThat(executions.pollNextTimer()).isEqualTo(timer("a", 10));
        assertThat(executions.remove(timer("b", 11))).isFalse();
        executions.commit(commit(2, List.of(), List.of(), List.of(timer("b", 10))));
        assertThat(executions.pollNextTimer()).isEqualTo(timer("late", 20));
        assertThat(executions.pollNextTimer()).isNull();
    }
}
