package io.stepwise.engine.port;

/**
 * The execution record and its compare-and-set: every change after creation is a commit on the execution's
 * version, which is what makes transitions exactly-once when triggers are delivered twice. A commit carries the
 * step's history, tokens, timers and outbox tasks too, and they change with the state in one transaction, so a
 * crash never separates a state from the side effects it is waiting for.
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
     * storage; the fired timers the commit consumes are dropped in it) and outbox change together or not at all.
     * Returns {@code false}, changing nothing, when the version moved or the execution does not exist. A commit
     * that redrives the execution sets the record's redrive date to {@link Commit#redrivenAt()}; any other keeps
     * it.
     */
    boolean commit(Commit commit);
}
