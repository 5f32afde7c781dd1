package io.stepwise.functions.observe;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.ExecutionSummary;
import io.stepwise.engine.port.OutboxEntry;
import io.stepwise.engine.port.Page;
import io.stepwise.engine.port.TaskTokenGrant;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An execution store that tells an {@link ExecutionObserver} of every commit it stored. Every change of a Standard
 * execution goes through a store's {@code create} or {@code commit}, whichever function makes it (the API starting
 * or stopping one, a worker advancing it), so this one place sees every status change.
 */
public final class ObservedExecutionStore implements ExecutionStore {
    private final ExecutionStore store;
    private final ExecutionObserver observer;

    public ObservedExecutionStore(ExecutionStore store, ExecutionObserver observer) {
        this.store = store;
        this.observer = observer;
    }

    @Override
    public boolean create(Commit commit, String definition) {
        boolean created = store.create(commit, definition);
        if (created) {
            notify(commit, true);
        }
        return created;
    }

    @Override
    public Optional<ExecutionRecord> load(String executionArn) {
        return store.load(executionArn);
    }

    @Override
    public boolean commit(Commit commit) {
        boolean committed = store.commit(commit);
        if (committed) {
            notify(commit, false);
        }
        return committed;
    }

    private void notify(Commit commit, boolean created) {
        try {
            observer.committed(commit, created);
        } catch (RuntimeException e) {
            // The commit stands whatever becomes of its notification.
            System.err.println("stepwise: observing a commit of " + commit.executionArn() + " failed: " + e);
        }
    }

    @Override
    public List<OutboxEntry> outbox() {
        return store.outbox();
    }

    @Override
    public List<OutboxEntry> claimOutbox(Instant now, Instant until, int limit) {
        return store.claimOutbox(now, until, limit);
    }

    @Override
    public void claim(String executionArn, String ref, Instant until) {
        store.claim(executionArn, ref, until);
    }

    @Override
    public Page<ExecutionSummary> list(String stateMachineArn, ExecutionStatus status, int maxResults,
            String nextToken) {
        return store.list(stateMachineArn, status, maxResults, nextToken);
    }

    @Override
    public Page<HistoryEvent> history(String executionArn, int maxResults, String nextToken, boolean reverse) {
        return store.history(executionArn, maxResults, nextToken, reverse);
    }

    @Override
    public Optional<TaskTokenGrant> findTaskToken(String token) {
        return store.findTaskToken(token);
    }
}
