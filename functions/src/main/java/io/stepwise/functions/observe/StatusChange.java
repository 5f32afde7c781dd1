package io.stepwise.functions.observe;

import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.history.HistoryEventType;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.state.ExecutionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Standard execution entering a status, read from the history events of the commit that made it: started or
 * redriven (RUNNING), SUCCEEDED, FAILED, ABORTED or TIMED_OUT.
 *
 * @param at when: the event's time, the stop date for an ending
 * @param state the execution as committed, for its start, output, error and redrive count
 */
public record StatusChange(String status, Instant at, boolean redrive, ExecutionState state) {
    private static final Map<HistoryEventType, String> STATUS = Map.of(
            HistoryEventType.EXECUTION_STARTED, "RUNNING",
            HistoryEventType.EXECUTION_REDRIVEN, "RUNNING",
            HistoryEventType.EXECUTION_SUCCEEDED, "SUCCEEDED",
            HistoryEventType.EXECUTION_FAILED, "FAILED",
            HistoryEventType.EXECUTION_ABORTED, "ABORTED",
            HistoryEventType.EXECUTION_TIMED_OUT, "TIMED_OUT");

    /** The changes {@code commit} made, in history order: none for most steps, two for a start that also ends. */
    public static List<StatusChange> of(Commit commit) {
        List<StatusChange> changes = new ArrayList<>();
        for (HistoryEvent event : commit.events()) {
            String status = STATUS.get(event.type());
            if (status != null) {
                changes.add(new StatusChange(status, event.timestamp(),
                        event.type() == HistoryEventType.EXECUTION_REDRIVEN, commit.state()));
            }
        }
        return changes;
    }

    public boolean ended() {
        return !status.equals("RUNNING");
    }

    public String executionArn() {
        return state.start.executionArn();
    }

    public String stateMachineArn() {
        return state.start.stateMachineArn();
    }

    public Instant startDate() {
        return state.start.startTime();
    }
}
