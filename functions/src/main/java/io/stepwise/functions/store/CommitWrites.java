package io.stepwise.functions.store;

import static io.stepwise.functions.store.Attributes.date;
import static io.stepwise.functions.store.Attributes.n;
import static io.stepwise.functions.store.Attributes.s;

import io.stepwise.engine.Command;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.TaskTokenGrant;
import io.stepwise.engine.port.Timer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The items a commit writes besides the execution item, as standard writes ordered around its compare-and-set:
 * task tokens, timers and (for an execution created before layout 5, whose outbox is not in its item) outbox tasks it
 * adds are put before it ({@link #before}), each marked with the version the
 * commit makes ({@value #ADDED_IN}) and the commit attempt that wrote it ({@value #WRITER}); settled outbox tasks and
 * fired and cancelled timers are deleted after it ({@link #after}). What a crash or a lost compare-and-set leaves
 * behind is harmless: a token or timer nothing waits for is a no-op, an outbox task nothing waits for is dropped by
 * the sweep, and a deletion left undone is done by whatever next finds the item (a timer's fire, the sweep).
 */
final class CommitWrites {
    /** On a token, timer or outbox task: the execution version whose commit stored it. */
    static final String ADDED_IN = "addedIn";
    /** On a token, timer or outbox task: the commit attempt that stored it ({@link Writer}). */
    static final String WRITER = "writer";

    private final DynamoDbTables tables;
    private final LargeText text;

    CommitWrites(DynamoDbTables tables, LargeText text) {
        this.tables = tables;
        this.text = text;
    }

    /** An item to put before the compare-and-set, and the names of its key attributes, the partition key first. */
    record PreWrite(PutItemRequest put, List<String> keyNames) {
        Map<String, AttributeValue> key() {
            Map<String, AttributeValue> key = new HashMap<>();
            keyNames.forEach(name -> key.put(name, put.item().get(name)));
            return key;
        }
    }

    /**
     * Tokens, timers and outbox tasks to put before the compare-and-set. Each put refuses to replace an item a commit
     * of the same or a later version wrote ({@code attribute_not_exists(addedIn) OR addedIn < :version}): of two
     * racers for one version neither overwrites the other's, so the winner's items are all its own.
     */
    /** @param outboxTable whether the execution keeps its tasks in the outbox table (created before layout 5) */
    List<PreWrite> before(Commit commit, String writer, boolean outboxTable) {
        long version = version(commit);
        List<PreWrite> writes = new ArrayList<>();
        for (TaskTokenGrant grant : commit.tokens()) {
            writes.add(put(tables.tokens(), List.of("hash"), version, writer, Map.of("hash", s(TokenHash.of(grant.token())),
                    "arn", s(grant.executionArn()), "ref", s(grant.ref()))));
        }
        for (Timer timer : commit.timers()) {
            writes.add(put(tables.timers(), List.of("arn", "ref"), version, writer, Map.of("arn", s(commit.executionArn()),
                    "ref", s(timer.ref()), "dueAt", date(timer.dueAt()))));
        }
        // The wall clock, not the execution's (possibly virtual) one: a claim measures how long a call may take.
        long now = System.currentTimeMillis();
        for (Command.InvokeTask task : outboxTable ? commit.tasks() : List.<Command.InvokeTask>of()) {
            writes.add(put(tables.outbox(), List.of("arn", "ref"), version, writer, Map.of("arn", s(commit.executionArn()),
                    "ref", s(task.ref()), "seq", n(CommitOrder.next()), "claimedUntil", n(now + ItemOutbox.firstClaimMillis(task)),
                    "task", text.encode(DynamoDbJson.JSON.writeWithoutNulls(task),
                            "task " + task.ref() + " of " + commit.executionArn()))));
        }
        return writes;
    }

    /** Undoes a pre-write of a commit that did not land, unless another commit replaced it since. */
    static DeleteItemRequest undo(PreWrite write, String writer) {
        return DeleteItemRequest.builder().tableName(write.put().tableName()).key(write.key())
                .conditionExpression(WRITER + " = :writer").expressionAttributeValues(Map.of(":writer", s(writer)))
                .build();
    }

    /**
     * The deletes a landed commit leaves to after its compare-and-set: outbox tasks it settled, timers whose fire it
     * applied (only at the due time they fired for) and timers it cancelled, sparing a timer of the same ref that
     * this or a later commit stored. Inside a transaction each would cost twice as much, and most cancelled timers
     * were never stored (the execution timeout of an execution without one).
     */
    List<DeleteItemRequest> after(Commit commit, boolean outboxTable) {
        long version = version(commit);
        Set<String> started = new HashSet<>();
        commit.timers().forEach(timer -> started.add(timer.ref()));
        List<DeleteItemRequest> deletes = new ArrayList<>();
        Set<String> added = new HashSet<>();
        commit.tasks().forEach(task -> added.add(task.ref()));
        for (String ref : outboxTable ? commit.settledTasks() : List.<String>of()) {
            if (!added.contains(ref)) {
                deletes.add(DeleteItemRequest.builder().tableName(tables.outbox())
                        .key(timerKey(commit.executionArn(), ref)).build());
            }
        }
        Set<String> dropped = new HashSet<>(started);
        String older = "(attribute_not_exists(" + ADDED_IN + ") OR " + ADDED_IN + " < :version)";
        for (String ref : commit.cancelledTimers()) {
            if (dropped.add(ref)) {
                deletes.add(DeleteItemRequest.builder().tableName(tables.timers())
                        .key(timerKey(commit.executionArn(), ref)).conditionExpression(older)
                        .expressionAttributeValues(Map.of(":version", n(version))).build());
            }
        }
        for (Timer fired : commit.firedTimers()) {
            if (dropped.add(fired.ref())) {
                deletes.add(DeleteItemRequest.builder().tableName(tables.timers())
                        .key(timerKey(fired.executionArn(), fired.ref()))
                        .conditionExpression("dueAt = :due AND " + older)
                        .expressionAttributeValues(Map.of(":due", date(fired.dueAt()), ":version", n(version)))
                        .build());
            }
        }
        return deletes;
    }

    /** The execution version a commit makes (a create makes version 1). */
    private static long version(Commit commit) {
        return commit.expectedVersion() + 1;
    }

    static Map<String, AttributeValue> timerKey(String executionArn, String ref) {
        return Map.of("arn", s(executionArn), "ref", s(ref));
    }

    private static PreWrite put(String table, List<String> keyNames, long version, String writer,
            Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.put(ADDED_IN, n(version));
        item.put(WRITER, s(writer));
        return new PreWrite(PutItemRequest.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#key) OR attribute_not_exists(" + ADDED_IN + ") OR "
                        + ADDED_IN + " < :version")
                .expressionAttributeNames(Map.of("#key", keyNames.get(0)))
                .expressionAttributeValues(Map.of(":version", n(version))).build(), keyNames);
    }
}
