package io.stepwise.engine.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Published versions and aliases of state machines, and which of them each execution was started through. */
public interface StateMachineVersionStore {

    /**
     * Publishes {@code machine} as its next version, atomically. Version numbers are never reused, even after a
     * delete. When the newest version was published from the same revision it is returned instead, as AWS does.
     * Empty, publishing nothing, when the stored machine is no longer {@code machine} (deleted, recreated or
     * updated since it was read), so that no version outlives its machine or shows another revision's definition.
     */
    Optional<StateMachineVersionRecord> publish(StateMachineRecord machine, String description, Instant now);

    Optional<StateMachineVersionRecord> findVersion(String versionArn);

    /** The versions of a state machine, newest first. */
    List<StateMachineVersionRecord> versions(String stateMachineArn);

    boolean deleteVersion(String versionArn);

    /** Stores a new alias; returns {@code false}, changing nothing, when its ARN is taken. */
    boolean createAlias(StateMachineAliasRecord alias);

    /** Replaces the stored alias with the same ARN; returns {@code false} when there is none. */
    boolean updateAlias(StateMachineAliasRecord alias);

    Optional<StateMachineAliasRecord> findAlias(String aliasArn);

    /** The aliases of a state machine, by name. */
    List<StateMachineAliasRecord> aliases(String stateMachineArn);

    boolean deleteAlias(String aliasArn);

    /** Removes every version and alias of a deleted state machine; a new one of the same name starts at version 1. */
    void deleteAll(String stateMachineArn);

    /** Records the version, and alias if any, an execution was started through. */
    void recordExecutionSource(String executionArn, String versionArn, String aliasArn);

    Optional<ExecutionSource> executionSource(String executionArn);

    /** @param aliasArn {@code null} when the execution was started with the version ARN */
    record ExecutionSource(String versionArn, String aliasArn) {
    }
}
