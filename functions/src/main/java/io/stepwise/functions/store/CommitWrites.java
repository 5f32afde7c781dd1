package io.stepwise.functions.store;

import static io.stepwise.functions.store.Attributes.date;
import static io.stepwise.functions.store.Attributes.n;
import static io.stepwise.functions.store.Attributes.s;

import io.stepwise.engine.Command;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.TaskTokenGrant;
import io.stepwise.engine.port.Timer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The items a commit writes besides the execution item and its history chunk: task tokens, timers and outbox tasks. A
 * transaction may not touch one item twice, so where a commit both drops and writes the same timer or outbox ref
 * only the write is kept; it replaces the stored item anyway.
 */
final class CommitWrites {
    /** On a timer: the execution version whose commit stored it. */
    static final String ADDED_IN = "addedIn";

    private final DynamoDbTables tables;
    private final LargeText text;

    CommitWrites(DynamoDbTables tables, LargeText text) {
        this.tables = tables;
        this.text = text;
    }

    /**
     * Tokens, timers and outbox changes.
     *
     * @param firedStillStored whether a fired timer is still stored with the due time it fired for; only those are
     *     dropped, under a condition that keeps a timer rescheduled meanwhile
     */
    List<TransactWriteItem> effects(Commit commit, Predicate<Timer> firedStillStored) {
        List<TransactWriteItem> writes = new ArrayList<>();
        for (TaskTokenGrant grant : commit.tokens()) {
            writes.add(put(tables.tokens(), Map.of("hash", s(TokenHash.of(grant.token())),
                    "arn", s(grant.executionArn()), "ref", s(grant.ref()))));
        }
        Set<String> timerRefs = new HashSet<>(commit.cancelledTimers());
        commit.timers().forEach(timer -> timerRefs.add(timer.ref()));
        for (Timer fired : commit.firedTimers()) {
            if (!timerRefs.contains(fired.ref()) && firedStillStored.test(fired)) {
                timerRefs.add(fired.ref());
                writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(tables.timers())
                        .key(timerKey(fired.executionArn(), fired.ref()))
                        .conditionExpression("attribute_not_exists(arn) OR dueAt = :due")
                        .expressionAttributeValues(Map.of(":due", date(fired.dueAt()))).build()).build());
            }
        }
        for (Timer timer : commit.timers()) {
            writes.add(put(tables.timers(), Map.of("arn", s(commit.executionArn()), "ref", s(timer.ref()),
                    "dueAt", date(timer.dueAt()), ADDED_IN, n(version(commit)))));
        }
        Set<String> added = new HashSet<>();
        commit.tasks().forEach(task -> added.add(task.ref()));
        for (String ref : commit.settledTasks()) {
            if (!added.contains(ref)) {
                writes.add(delete(tables.outbox(), timerKey(commit.executionArn(), ref)));
            }
        }
        // The wall clock, not the execution's (possibly virtual) one: a claim measures how long a call may take.
        long now = System.currentTimeMillis();
        for (Command.InvokeTask task : commit.tasks()) {
            writes.add(put(tables.outbox(), Map.of("arn", s(commit.executionArn()), "ref", s(task.ref()),
                    "seq", n(CommitOrder.next()), "claimedUntil", n(now + firstClaimMillis(task)),
                    "task", text.encode(DynamoDbJson.JSON.writeWithoutNulls(task),
                            "task " + task.ref() + " of " + commit.executionArn()))));
        }
        return writes;
    }

    /**
     * The deletes of the commit's cancelled timers, made once the commit has landed rather than inside its
     * transaction, where each would cost twice as much (most are of timers never stored, such as the execution
     * timeout of an execution without one). A cancelled timer left behind by a crash before its delete fires as a
     * no-op, which drops it. The condition spares a timer of the same ref that a later commit stored meanwhile.
     */
    List<DeleteItemRequest> cancelledTimers(Commit commit) {
        Set<String> started = new HashSet<>();
        commit.timers().forEach(timer -> started.add(timer.ref()));
        List<DeleteItemRequest> deletes = new ArrayList<>();
        for (String ref : commit.cancelledTimers()) {
            if (!started.contains(ref)) {
                deletes.add(DeleteItemRequest.builder().tableName(tables.timers())
                        .key(timerKey(commit.executionArn(), ref))
                        .conditionExpression("attribute_not_exists(" + ADDED_IN + ") OR " + ADDED_IN + " < :version")
                        .expressionAttributeValues(Map.of(":version", n(version(commit)))).build());
            }
        }
        return deletes;
    }

    /** The execution version a commit makes (a create makes version 1). */
    private static long version(Commit commit) {
        return commit.expectedVersion() + 1;
    }

    /** As long as the task's call may take: its timeout, else AWS's 900-second Lambda limit, plus a minute. */
    private static long firstClaimMillis(Command.InvokeTask task) {
        long seconds = task.timeoutSeconds() != null ? task.timeoutSeconds() : 900;
        return (seconds + 60) * 1000;
    }

    static Map<String, AttributeValue> timerKey(String executionArn, String ref) {
        return Map.of("arn", s(executionArn), "ref", s(ref));
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }

    private static TransactWriteItem delete(String table, Map<String, AttributeValue> key) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key).build()).build();
    }
}
