package io.stepwise.engine.port;

import java.util.Optional;

/** Stores state machines by ARN. */
public interface StateMachineStore {

    /** Stores a new state machine; returns {@code false}, changing nothing, when its ARN is taken. */
    boolean create(StateMachineRecord machine);

    Optional<StateMachineRecord> find(String arn);

    /**
     * Replaces {@code expected} by {@code updated} (same ARN) if the stored machine still equals {@code expected};
     * returns {@code false}, changing nothing, when it is gone or was changed meanwhile. Callers read, change and
     * retry, so concurrent updates and tag changes never overwrite each other.
     */
    boolean update(StateMachineRecord expected, StateMachineRecord updated);

    /** Removes the machine; its executions stay readable. Returns {@code false} when there was none. */
    boolean delete(String arn);

    /**
     * Machines ordered by name; {@code nextToken} is {@code null} or a token from an earlier page.
     *
     * @throws InvalidPageToken when {@code nextToken} is not one this store issued
     */
    Page<StateMachineRecord> list(int maxResults, String nextToken);
}
