package io.stepwise.engine.port;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.state.ExecutionState;
import java.time.Instant;

/**
 * A stored execution: its engine state plus what the store needs to answer the API without the engine.
 *
 * @param definition the definition text the execution runs, fixed at start so updates leave it alone
 * @param version increases by one with every commit; commits are conditional on it
 * @param stopDate when the execution reached a terminal status, else {@code null}
 * @param redriveDate when it was last redriven ({@link Commit#redrivenAt()}), else {@code null}; kept on the
 *     record so that DescribeExecution need not read the history for it
 */
public record ExecutionRecord(ExecutionState state, String definition, long version, Instant stopDate,
        Instant redriveDate) {

    public String executionArn() {
        return state.start.executionArn();
    }

    public String stateMachineArn() {
        return state.start.stateMachineArn();
    }

    public String name() {
        return state.start.name();
    }

    public ExecutionStatus status() {
        return state.status;
    }

    public Instant startDate() {
        return state.start.startTime();
    }
}
