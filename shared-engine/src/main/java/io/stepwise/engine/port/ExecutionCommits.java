package io.stepwise.engine.port;

/**
 * The execution record and its compare-and-set: every change after creation is a commit on the execution's
 * version, which is what makes transitions exactly-once when triggers are delivered twice. A commit carries the
 * step's history, tokens, timers and outbox tasks too, and they change with the state as one unit, so a crash
 * never separates a state from the side effects it is waiting for. An adapter either writes them in one transaction
 * (SQLite) or orders writes around the state's compare-and-set so that what a crash or a lost compare-and-set
 * leaves behind is never acted on: a token, timer or outbox task of a commit that did not land answers or
 * dispatches nothing the execution waits for (DynamoDB, {@code functions/TABLES.md}).
 */
public interface ExecutionCommits extends ExecutionLookup {

    /**
     * Stores a new execution at version 1 with its first history events and the commit's tokens, timers and
     * outbox tasks; {@code commit.expectedVersion} is ignored. Returns {@code false}, changing nothing, when the
     * execution ARN already exists.
     */
    boolean create(Commit commit, String definition);

    /**
     * Applies {@code commit} atomically if the stored version still equals {@code commit.expectedVersion()}, then
     * increments the version: state, history, tokens, timers (visible to the {@link TimerStore} over the same
     * storage; the fired timers the commit consumes are dropped with it) and outbox change together or not at all,
     * as readers and sweeps see them.
     * Returns {@code false}, changing nothing, when the version moved or the execution does not exist. A commit
     * that redrives the execution sets the record's redrive date to {@link Commit#redrivenAt()}; any other keeps
     * it.
     */
    boolean commit(Commit commit);
}
