package io.stepwise.functions.observe;

import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.ForwardingExecutionStore;

/**
 * An execution store that tells an {@link ExecutionObserver} of every commit it stored. Every change of a Standard
 * execution goes through a store's {@code create} or {@code commit}, whichever function makes it (the API starting
 * or stopping one, a worker advancing it), so this one place sees every status change.
 */
public final class ObservedExecutionStore extends ForwardingExecutionStore {
    private final ExecutionObserver observer;

    public ObservedExecutionStore(ExecutionStore store, ExecutionObserver observer) {
        super(store);
        this.observer = observer;
    }

    @Override
    public boolean create(Commit commit, String definition) {
        boolean created = delegate.create(commit, definition);
        if (created) {
            notify(commit, true);
        }
        return created;
    }

    @Override
    public boolean commit(Commit commit) {
        boolean committed = delegate.commit(commit);
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
}
