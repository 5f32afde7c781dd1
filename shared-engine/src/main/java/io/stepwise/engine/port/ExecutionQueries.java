package io.stepwise.engine.port;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.history.HistoryEvent;
import java.util.List;

/** What DescribeExecution, ListExecutions and GetExecutionHistory read: records and history pages, never written. */
public interface ExecutionQueries extends ExecutionLookup {

    /**
     * Executions of one state machine, newest start first.
     *
     * @param status only executions with this status, or all when {@code null}
     * @param nextToken {@code null} or a token from an earlier page with the same filter
     * @throws InvalidPageToken when {@code nextToken} is not one this store issued
     */
    Page<ExecutionSummary> list(String stateMachineArn, ExecutionStatus status, int maxResults, String nextToken);

    /**
     * A page of history events in id order ({@code reverse}: newest first).
     *
     * @throws InvalidPageToken when {@code nextToken} is not one this store issued
     */
    Page<HistoryEvent> history(String executionArn, int maxResults, String nextToken, boolean reverse);

    /** All history events of the execution in id order. */
    default List<HistoryEvent> history(String executionArn) {
        return history(executionArn, Integer.MAX_VALUE, null, false).items();
    }
}
