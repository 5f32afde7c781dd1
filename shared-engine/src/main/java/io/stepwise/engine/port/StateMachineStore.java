package io.stepwise.engine.port;

import java.util.Optional;

/** Stores state machines by ARN. */
public interface StateMachineStore {

    /** Stores a new state machine; returns {@code false}, changing nothing, when its ARN is taken. */
    boolean create(StateMachineRecord machine);

    Optional<StateMachineRecord> find(String arn);

    /** Replaces the stored machine with the same ARN; returns {@code false} when there is none. */
    boolean update(StateMachineRecord machine);

    /** Removes the machine; its executions stay readable. Returns {@code false} when there was none. */
    boolean delete(String arn);

    /** Machines ordered by name; {@code nextToken} is {@code null} or a token from an earlier page. */
    Page<StateMachineRecord> list(int maxResults, String nextToken);
}
