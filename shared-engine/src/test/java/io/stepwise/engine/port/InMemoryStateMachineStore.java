package io.stepwise.engine.port;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state machine and version store ports held in memory under one lock, as SQLite holds them in one database:
 * publishing a version checks the machine it was read from in the same critical section. The reference adapter
 * for API tests that need no database.
 */
public final class InMemoryStateMachineStore implements StateMachineStore, StateMachineVersionStore {
    private final Map<String, StateMachineRecord> machines = new HashMap<>();
    private final Map<String, StateMachineVersionRecord> versions = new HashMap<>();
    /** Version numbers are never reused, even after a delete. */
    private final Map<String, Long> lastVersion = new HashMap<>();
    private final Map<String, StateMachineAliasRecord> aliases = new HashMap<>();
    private final Map<String, ExecutionSource> sources = new HashMap<>();

    @Override
    public synchronized boolean create(StateMachineRecord machine) {
        return machines.putIfAbsent(machine.arn(), machine) == null;
    }

    @Override
    public synchronized Optional<StateMachineRecord> find(String arn) {
        return Optional.ofNullable(machines.get(arn));
    }

    @Override
    public synchronized boolean update(StateMachineRecord expected, StateMachineRecord updated) {
        return machines.replace(expected.arn(), expected, updated);
    }

    @Override
    public synchronized boolean delete(String arn) {
        return machines.remove(arn) != null;
    }

    @Override
    public synchronized Page<StateMachineRecord> list(int maxResults, String nextToken) {
        return InMemoryPages.page(machines.values().stream()
                .sorted(Comparator.comparing(StateMachineRecord::name).thenComparing(StateMachineRecord::arn))
                .toList(), "machines", maxResults, nextToken);
    }

    @Override
    public synchronized Optional<StateMachineVersionRecord> publish(StateMachineRecord machine, String description,
            Instant now) {
        if (!machine.equals(machines.get(machine.arn()))) {
            return Optional.empty();
        }
        List<StateMachineVersionRecord> newest = versions(machine.arn());
        if (!newest.isEmpty() && newest.get(0).revision() == machine.revision()
                && newest.get(0).definition().equals(machine.definition())
                && newest.get(0).roleArn().equals(machine.roleArn())) {
            return Optional.of(newest.get(0));
        }
        long version = lastVersion.merge(machine.arn(), 1L, Long::sum);
        StateMachineVersionRecord record = new StateMachineVersionRecord(machine.arn() + ":" + version, machine.arn(),
                version, machine.definition(), machine.roleArn(), machine.revision(), description, now);
        versions.put(record.arn(), record);
        return Optional.of(record);
    }

    @Override
    public synchronized Optional<StateMachineVersionRecord> findVersion(String versionArn) {
        return Optional.ofNullable(versions.get(versionArn));
    }

    @Override
    public synchronized List<StateMachineVersionRecord> versions(String stateMachineArn) {
        return versions.values().stream().filter(v -> v.stateMachineArn().equals(stateMachineArn))
                .sorted(Comparator.comparingLong(StateMachineVersionRecord::version).reversed()).toList();
    }

    @Override
    public synchronized boolean deleteVersion(String versionArn) {
        return versions.remove(versionArn) != null;
    }

    @Override
    public synchronized boolean createAlias(StateMachineAliasRecord alias) {
        return aliases.putIfAbsent(alias.arn(), alias) == null;
    }

    @Override
    public synchronized boolean updateAlias(StateMachineAliasRecord alias) {
        return aliases.replace(alias.arn(), alias) != null;
    }

    @Override
    public synchronized Optional<StateMachineAliasRecord> findAlias(String aliasArn) {
        return Optional.ofNullable(aliases.get(aliasArn));
    }

    @Override
    public synchronized List<StateMachineAliasRecord> aliases(String stateMachineArn) {
        return aliases.values().stream().filter(a -> a.stateMachineArn().equals(stateMachineArn))
                .sorted(Comparator.comparing(StateMachineAliasRecord::name)).toList();
    }

    @Override
    public synchronized boolean deleteAlias(String aliasArn) {
        return aliases.remove(aliasArn) != null;
    }

    @Override
    public synchronized void deleteAll(String stateMachineArn) {
        versions.values().removeIf(v -> v.stateMachineArn().equals(stateMachineArn));
        aliases.values().removeIf(a -> a.stateMachineArn().equals(stateMachineArn));
        lastVersion.remove(stateMachineArn);
    }

    @Override
    public synchronized void recordExecutionSource(String executionArn, String versionArn, String aliasArn) {
        sources.put(executionArn, new ExecutionSource(versionArn, aliasArn));
    }

    @Override
    public synchronized Optional<ExecutionSource> executionSource(String executionArn) {
        return Optional.ofNullable(sources.get(executionArn));
    }
}
