package io.stepwise.engine.port;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.history.HistoryEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An execution store that hands every call to another: the base of decorators that watch or measure what is
 * stored, which override only the calls they care about (mostly {@link #create} and {@link #commit}).
 */
public abstract class ForwardingExecutionStore implements ExecutionStore {
    protected final ExecutionStore delegate;

    protected ForwardingExecutionStore(ExecutionStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean create(Commit commit, String definition) {
        return delegate.create(commit, definition);
    }

    @Override
    public Optional<ExecutionRecord> load(String executionArn) {
        return delegate.load(executionArn);
    }

    @Override
    public boolean commit(Commit commit) {
        return delegate.commit(commit);
    }

    @Override
    public List<OutboxEntry> outbox() {
        return delegate.outbox();
    }

    @Override
    public List<OutboxEntry> claimOutbox(Instant now, Instant until, int limit) {
        return delegate.claimOutbox(now, until, limit);
    }

    @Override
    public void claim(String executionArn, String ref, Instant until) {
        delegate.claim(executionArn, ref, until);
    }

    @Override
    public Page<ExecutionSummary> list(String stateMachineArn, ExecutionStatus status, int maxResults,
            String nextToken) {
        return delegate.list(stateMachineArn, status, maxResults, nextToken);
    }

    @Override
    public Page<HistoryEvent> history(String executionArn, int maxResults, String nextToken, boolean reverse) {
        return delegate.history(executionArn, maxResults, nextToken, reverse);
    }

    @Override
    public Optional<TaskTokenGrant> findTaskToken(String token) {
        return delegate.findTaskToken(token);
    }
}
