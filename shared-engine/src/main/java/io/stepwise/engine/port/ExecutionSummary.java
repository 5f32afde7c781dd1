package io.stepwise.engine.port;

import io.stepwise.engine.ExecutionStatus;
import java.time.Instant;

/**
 * What {@code ListExecutions} shows of an execution, readable without deserialising its state.
 *
 * @param redriveDate when the execution was last redriven; {@code null} if never, or if the store's listing does not
 *     carry it (the DynamoDB listing index projects no redrive date)
 */
public record ExecutionSummary(
        String executionArn, String stateMachineArn, String name, ExecutionStatus status, Instant startDate,
        Instant stopDate, Instant redriveDate) {

    /** A summary without a redrive date. */
    public ExecutionSummary(String executionArn, String stateMachineArn, String name, ExecutionStatus status,
            Instant startDate, Instant stopDate) {
        this(executionArn, stateMachineArn, name, status, startDate, stopDate, null);
    }
}
