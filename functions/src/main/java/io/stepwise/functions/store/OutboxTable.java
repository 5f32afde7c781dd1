package io.stepwise.functions.store;

import static io.stepwise.functions.store.Attributes.n;

import io.stepwise.engine.Command;
import io.stepwise.engine.port.OutboxEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The task outbox table of executions created before layout 5, which keep their tasks here until they end (later
 * executions keep theirs in their item, {@link ItemOutbox}). It holds only tasks in flight (a commit settles each as soon as its answer is applied), and
 * only the recovery sweep lists it, a few times a minute at most, so a consistent scan serves where an index would
 * add a write to every dispatch. Claims are conditional updates: of two sweeps only one claims a task.
 */
final class OutboxTable {
    private final DynamoDbClient dynamo;
    private final String table;
    private final LargeText text;

    OutboxTable(DynamoDbClient dynamo, String table, LargeText text) {
        this.dynamo = dynamo;
        this.table = table;
        this.text = text;
    }

    List<OutboxEntry> all() {
        return scan(null).stream().map(this::entry).toList();
    }

    /**
     * Claims up to {@code limit} tasks whose claim ran out by {@code now}; a claimed task that {@code wanted} says
     * its execution no longer waits for is deleted instead of returned. Commits put their tasks before their
     * compare-and-set, so a commit that lost it, or died before it, may leave a task that was never committed, and a
     * commit that died after it may leave a task it settled.
     */
    List<OutboxEntry> claim(Instant now, Instant until, int limit, BiPredicate<String, String> wanted) {
        List<OutboxEntry> claimed = new ArrayList<>();
        for (Map<String, AttributeValue> item : scan(now)) {
            if (claimed.size() >= limit) {
                break;
            }
            String arn = item.get("arn").s();
            String ref = item.get("ref").s();
            if (setClaim(arn, ref, until, now)) {
                if (wanted.test(arn, ref)) {
                    claimed.add(entry(item));
                } else {
                    dynamo.deleteItem(b -> b.tableName(table).key(CommitWrites.timerKey(arn, ref))
                            .conditionExpression("claimedUntil = :until")
                            .expressionAttributeValues(Map.of(":until", n(until.toEpochMilli()))));
                }
            }
        }
        return claimed;
    }

    /** Sets the claim of a task still in the outbox; a settled one stays settled. */
    void hold(String executionArn, String ref, Instant until) {
        setClaim(executionArn, ref, until, null);
    }

    /** @param ranOutBy when not {@code null}, only a claim that ran out by then is replaced */
    private boolean setClaim(String executionArn, String ref, Instant until, Instant ranOutBy) {
        String condition = "attribute_exists(arn)";
        Map<String, AttributeValue> values = new java.util.HashMap<>();
        values.put(":until", n(until.toEpochMilli()));
        if (ranOutBy != null) {
            condition += " AND claimedUntil <= :now";
            values.put(":now", n(ranOutBy.toEpochMilli()));
        }
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(CommitWrites.timerKey(executionArn, ref)).updateExpression("SET claimedUntil = :until")
                    .conditionExpression(condition).expressionAttributeValues(values).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Outbox items in commit order; with {@code claimRanOutBy}, only those whose claim ran out by then. */
    private List<Map<String, AttributeValue>> scan(Instant claimRanOutBy) {
        ScanRequest.Builder request = ScanRequest.builder().tableName(table);
        if (claimRanOutBy != null) {
            request.filterExpression("claimedUntil <= :now")
                    .expressionAttributeValues(Map.of(":now", n(claimRanOutBy.toEpochMilli())));
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>(Scans.all(dynamo, request.build()));
        items.sort(Comparator.comparingLong(item -> Attributes.number(item, "seq")));
        return items;
    }

    /** The task is JSON, gzipped from 512 bytes on ({@link LargeText}); items written before that hold it plain. */
    private OutboxEntry entry(Map<String, AttributeValue> item) {
        return new OutboxEntry(item.get("arn").s(), DynamoDbJson.JSON.read(text.decode(item.get("task")),
                Command.InvokeTask.class));
    }
}
