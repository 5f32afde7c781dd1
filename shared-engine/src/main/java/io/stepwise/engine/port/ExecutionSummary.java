package io.stepwise.engine.port;

import io.stepwise.engine.ExecutionStatus;
import java.time.Instant;

/** What {@code ListExecutions} shows of an execution, readable without deserialising its state. */
public record ExecutionSummary(
        String executionArn, String stateMachineArn, String name, ExecutionStatus status, Instant startDate,
        Instant stopDate) {
}
