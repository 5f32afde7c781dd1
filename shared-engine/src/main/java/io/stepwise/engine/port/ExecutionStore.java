package io.stepwise.engine.port;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.history.HistoryEvent;
import java.util.List;
import java.util.Optional;

/**
 * Stores executions, their history, task tokens, timers and task outbox. Every change after creation is a
 * compare-and-set on the execution's version, which is what makes transitions exactly-once when triggers are
 * delivered twice; the timers and outbox change in the same transaction, so a crash never separates a state from
 * the side effects it is waiting for.
 */
public interface ExecutionStore {

    /**
     * Stores a new execution at version 1 with its first history events and the commit's tokens, timers and
     * outbox tasks; {@code commit.expectedVersion} is ignored. Returns {@code false}, changing nothing, when the
     * execution ARN already exists.
     */
    boolean create(Commit commit, String definition);

    Optional<ExecutionRecord> load(String executionArn);

    /**
     * Applies {@code commit} atomically if the stored version still equals {@code commit.expectedVersion()}, then
     * increments the version: state, history, tokens, timers (visible to the {@link TimerStore} over the same
     * storage; the fired timers the commit consumes are dropped in it) and outbox change together or not at all. Returns {@code false}, changing nothing, when the version
     * moved or the execution does not exist.
     */
    boolean commit(Commit commit);

    /**
     * Every outbox task not settled yet, in the order they were committed: what a runtime dispatches again when it
     * starts, since the process that committed them may have died before or while dispatching.
     */
    List<OutboxEntry> outbox();

    /**
     * Executions of one state machine, newest start first.
     *
     * @param status only executions with this status, or all when {@code null}
     * @param nextToken {@code null} or a token from an earlier page with the same filter
     * @throws IllegalArgumentException when {@code nextToken} is not one this store issued
     */
    Page<ExecutionSummary> list(String stateMachineArn, ExecutionStatus status, int maxResults, String nextToken);

    /**
     * A page of history events in id order ({@code reverse}: newest first).
     *
     * @throws IllegalArgumentException when {@code nextToken} is not one this store issued
     */
    Page<HistoryEvent> history(String executionArn, int maxResults, String nextToken, boolean reverse);

    /** All history events of the execution in id order. */
    default List<HistoryEvent> history(String executionArn) {
        return history(executionArn, Integer.MAX_VALUE, null, false).items();
    }

    /** The task a token was issued for, or empty when no stored token matches. */
    Optional<TaskTokenGrant> findTaskToken(String token);
}
