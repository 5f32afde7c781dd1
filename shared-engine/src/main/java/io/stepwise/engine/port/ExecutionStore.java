package io.stepwise.engine.port;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.history.HistoryEvent;
import java.time.Instant;
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
     * moved or the execution does not exist. A commit that redrives the execution sets the record's redrive date to
     * {@link Commit#redrivenAt()}; any other keeps it.
     */
    boolean commit(Commit commit);

    /**
     * Every outbox task not settled yet, in the order they were committed: what a runtime dispatches again when it
     * starts, since the process that committed them may have died before or while dispatching.
     */
    List<OutboxEntry> outbox();

    /**
     * Claims, for a recovery sweep, up to {@code limit} outbox tasks whose claim ran out at or before {@code now},
     * sets their claim to {@code until} and returns them in commit order. A task is claimed first by the commit
     * that adds it, for as long as its call may take (its {@code TimeoutSeconds}, else AWS's 900-second Lambda
     * limit, plus a minute), measured on the store's wall clock. The claim is atomic, so sweeps run by several
     * instances never claim one task at once; a settled task is never returned.
     */
    List<OutboxEntry> claimOutbox(Instant now, Instant until, int limit);

    /**
     * Sets the claim of an unsettled outbox task to {@code until}; does nothing once it is settled. A dispatcher
     * that handed a callback task over (its answer comes through SendTask*) holds it this way, so no sweep sends it
     * again while it waits.
     */
    void claim(String executionArn, String ref, Instant until);

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

    /** The task a token was issued for, or empty when no stored token matches. */
    Optional<TaskTokenGrant> findTaskToken(String token);
}
