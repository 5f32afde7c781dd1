package io.stepwise.engine.port;

import io.stepwise.engine.Command;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.history.HistoryEventType;
import io.stepwise.engine.state.ExecutionState;
import java.time.Instant;
import java.util.List;

/**
 * One atomic change of an execution: its new state, the history events appended, and every durable side effect of
 * the step, so that a crash right after the commit loses none of them: task tokens issued, timers started and
 * cancelled, and the outbox of tasks still to dispatch.
 *
 * @param expectedVersion the version the change was computed from; the commit fails if the stored one differs
 * @param timers timers to start, replacing any stored timer with the same ref; no ref is also in
 *     {@code cancelledTimers}
 * @param cancelledTimers refs of timers to drop
 * @param tasks tasks to add to the outbox, dispatched after the commit and again after a restart until settled
 * @param settledTasks refs of outbox tasks that no longer need dispatching: answered, timed out, or abandoned
 * @param at when the change happened: the stop date if {@code state} is terminal
 * @param firedTimers stored timers whose fire this change applies: each is dropped only if still stored with the
 *     same due time, before {@code timers} are written, so consuming a fire and storing its step never come apart
 */
public record Commit(
        String executionArn, long expectedVersion, ExecutionState state, List<HistoryEvent> events,
        List<TaskTokenGrant> tokens, List<Timer> timers, List<String> cancelledTimers,
        List<Command.InvokeTask> tasks, List<String> settledTasks, Instant at, List<Timer> firedTimers) {
    public Commit {
        events = List.copyOf(events);
        tokens = List.copyOf(tokens);
        timers = List.copyOf(timers);
        cancelledTimers = List.copyOf(cancelledTimers);
        tasks = List.copyOf(tasks);
        settledTasks = List.copyOf(settledTasks);
        firedTimers = List.copyOf(firedTimers);
    }

    /**
     * When this change redrove the execution (the time of its {@code ExecutionRedriven} event), else {@code null}.
     * A store keeps the latest as the record's {@link ExecutionRecord#redriveDate()}; a change without a redrive
     * leaves it as it was.
     */
    public Instant redrivenAt() {
        Instant redriven = null;
        for (HistoryEvent event : events) {
            if (event.type() == HistoryEventType.EXECUTION_REDRIVEN) {
                redriven = event.timestamp();
            }
        }
        return redriven;
    }

    /** A change that consumes no timer fire. */
    public Commit(String executionArn, long expectedVersion, ExecutionState state, List<HistoryEvent> events,
            List<TaskTokenGrant> tokens, List<Timer> timers, List<String> cancelledTimers,
            List<Command.InvokeTask> tasks, List<String> settledTasks, Instant at) {
        this(executionArn, expectedVersion, state, events, tokens, timers, cancelledTimers, tasks, settledTasks, at,
                List.of());
    }
}
