package io.stepwise.functions.store;

import static io.stepwise.functions.store.Attributes.n;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.stepwise.engine.Command;
import io.stepwise.engine.port.Commit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The task outbox of one execution kept inside its item (execution layout 5): the unsettled tasks, in commit order,
 * as a last line of the item's gzip stream (after the state and its commit's events, whose payloads the tasks'
 * inputs repeat, so they cost few bytes), and each task's claim in the map attribute {@value #CLAIMS} (ref → epoch
 * ms). An outbox item of its own cost a write to put and one to delete per task, the largest share of a sequential
 * workflow's writes after its execution item.
 *
 * <p>The recovery sweep finds the executions whose claims may have run out through the sparse index
 * {@link DynamoDbTables#BY_SWEEP}: {@value #SWEEP_SHARD} (one of {@value #SHARDS}, fixed per execution, so that no
 * index partition takes every start) and {@value #SWEEP_AT}, a time at or before every claim in the item. A commit
 * keeps {@value #SWEEP_AT} as it is while it is no later than the claims it adds, so a sequential workflow's index
 * entry is written once when its first task is committed and deleted when its last is settled, not moved at every
 * step (a moved key is two index writes). The sweep reads an item whose {@value #SWEEP_AT} has passed, claims what
 * ran out and moves {@value #SWEEP_AT} to the earliest claim left.
 *
 * <p>Claims change without the execution's version: a commit sets the claims of the tasks it adds and removes those
 * of the tasks it settles, each by its own path in the map, so it never undoes a claim the sweep or a callback's
 * hand-over ({@link DynamoDbExecutionStore#claim}) set meanwhile; those only ever move a claim later, so whatever
 * {@value #SWEEP_AT} a commit computes from the claims it knows is early enough.
 */
final class ItemOutbox {
    static final String CLAIMS = "claims";
    static final String SWEEP_AT = "sweepAt";
    static final String SWEEP_SHARD = "sweepShard";
    /** Index partitions: DynamoDB takes about 1,000 writes a second per partition key value of an index. */
    static final int SHARDS = 16;
    static final ItemOutbox EMPTY = new ItemOutbox(List.of());

    /** One unsettled task and its place in commit order ({@link CommitOrder}), across executions. */
    record Entry(@JsonProperty("seq") long seq, @JsonProperty("task") Command.InvokeTask task) {
    }

    /** The stream's outbox line: an object, where the events' line is an array. */
    record Line(@JsonProperty("outbox") List<Entry> outbox) {
    }

    private final List<Entry> entries;

    ItemOutbox(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The outbox of a stream's line ({@code null} when the stream has none). */
    static ItemOutbox of(String line) {
        return line == null ? EMPTY : new ItemOutbox(DynamoDbJson.JSON.read(line, Line.class).outbox());
    }

    String line() {
        return DynamoDbJson.JSON.writeWithoutNulls(new Line(entries));
    }

    List<Entry> entries() {
        return entries;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    Set<String> refs() {
        Set<String> refs = new HashSet<>();
        entries.forEach(entry -> refs.add(entry.task().ref()));
        return refs;
    }

    /** This outbox after {@code commit}: its settled tasks gone, its tasks added (replacing any of the same ref). */
    ItemOutbox after(Commit commit) {
        if (commit.tasks().isEmpty() && commit.settledTasks().isEmpty()) {
            return this;
        }
        Map<String, Entry> byRef = new LinkedHashMap<>();
        entries.forEach(entry -> byRef.put(entry.task().ref(), entry));
        commit.settledTasks().forEach(byRef::remove);
        for (Command.InvokeTask task : commit.tasks()) {
            byRef.remove(task.ref());
            byRef.put(task.ref(), new Entry(CommitOrder.next(), task));
        }
        return new ItemOutbox(new ArrayList<>(byRef.values()));
    }

    /**
     * What a commit changes in the item besides the stream: the claims it adds ({@code whole}: as the new map, the
     * item having none), the refs whose claims it removes, or all claims and the index entry ({@code clear}); and
     * {@value #SWEEP_AT}, {@code null} to leave it as it is.
     */
    record Change(Map<String, AttributeValue> added, boolean whole, List<String> removed, boolean clear,
            Long sweepAt) {
        static final Change NONE = new Change(Map.of(), false, List.of(), false, null);
    }

    /**
     * The change of a commit that takes the outbox from this to {@code next}.
     *
     * @param sweepAt the item's {@value #SWEEP_AT} as the commit knows it; {@code null} when it has none
     * @param now the wall clock, in epoch ms, that the added tasks' claims run from
     */
    Change change(ItemOutbox next, Commit commit, Long sweepAt, long now) {
        if (next.isEmpty()) {
            return isEmpty() && sweepAt == null ? Change.NONE : new Change(Map.of(), false, List.of(), true, null);
        }
        Map<String, AttributeValue> added = claims(commit.tasks(), now);
        long earliest = earliest(commit.tasks(), now);
        // Kept while no later than what this commit adds: moving an index key costs two writes, an early sweep one
        // read. A value the commit knows is stale (the sweep moved it since) is earlier than the stored one.
        Long at = sweepAt == null ? (earliest == Long.MAX_VALUE ? null : earliest) : Math.min(sweepAt, earliest);
        if (isEmpty()) {
            return new Change(added, true, List.of(), false, at);
        }
        Set<String> adding = added.keySet();
        Set<String> had = refs();
        List<String> removed = commit.settledTasks().stream()
                .filter(ref -> had.contains(ref) && !adding.contains(ref)).distinct().toList();
        return new Change(added, false, removed, false, at);
    }

    /** About how many bytes the claims of {@code outbox} take in its item ({@code null}: none). */
    static long claimsBytes(ItemOutbox outbox) {
        if (outbox == null || outbox.isEmpty()) {
            return 0;
        }
        // Each claim's ref, a byte, and a 13-digit number; the map's name and 3 bytes.
        return CLAIMS.length() + 3 + outbox.entries.stream().mapToLong(entry -> entry.task().ref().length() + 14)
                .sum();
    }

    /** The shard of an execution's index entry: fixed by its ARN. */
    static String shard(String executionArn) {
        return Integer.toString(Math.floorMod(executionArn.hashCode(), SHARDS));
    }

    /** The claims a commit gives the tasks it adds, as the attribute's map. */
    static Map<String, AttributeValue> claims(List<Command.InvokeTask> tasks, long now) {
        Map<String, AttributeValue> claims = new LinkedHashMap<>();
        tasks.forEach(task -> claims.put(task.ref(), n(now + firstClaimMillis(task))));
        return claims;
    }

    /** The earliest of the claims a commit gives {@code tasks}; {@link Long#MAX_VALUE} for none. */
    static long earliest(List<Command.InvokeTask> tasks, long now) {
        return tasks.stream().mapToLong(task -> now + firstClaimMillis(task)).min().orElse(Long.MAX_VALUE);
    }

    /**
     * As long as the task's call may take: its timeout, else AWS's 900-second Lambda limit, plus a minute. The wall
     * clock's, not the execution's (possibly virtual) one.
     */
    static long firstClaimMillis(Command.InvokeTask task) {
        long seconds = task.timeoutSeconds() != null ? task.timeoutSeconds() : 900;
        return (seconds + 60) * 1000;
    }
}
