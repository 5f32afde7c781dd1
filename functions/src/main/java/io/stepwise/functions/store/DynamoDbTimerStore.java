package io.stepwise.functions.store;

import io.stepwise.engine.port.Timer;
import io.stepwise.engine.port.TimerStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The timers {@link DynamoDbExecutionStore} commits keep. On AWS they fire as delayed SQS messages, so this store
 * is read only to find timers whose message was lost (a sweep) and by tests; a consistent scan serves that without
 * an index that every timer write would pay for.
 */
public final class DynamoDbTimerStore implements TimerStore {
    private static final Comparator<Timer> EARLIEST_FIRST = Comparator.comparing(Timer::dueAt)
            .thenComparing(Timer::executionArn).thenComparing(Timer::ref);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbTimerStore(DynamoDbClient dynamo, DynamoDbTables tables) {
        this.dynamo = dynamo;
        this.table = tables.timers();
    }

    @Override
    public List<Timer> due(Instant now, int limit) {
        return scan(ScanRequest.builder().tableName(table).filterExpression("dueAt <= :now")
                .expressionAttributeValues(Map.of(":now", Attributes.date(now))).build())
                .limit(limit).toList();
    }

    @Override
    public Optional<Timer> next() {
        return scan(ScanRequest.builder().tableName(table).build()).findFirst();
    }

    @Override
    public boolean remove(Timer timer) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(CommitWrites.timerKey(timer.executionArn(), timer.ref()))
                    .conditionExpression("dueAt = :due")
                    .expressionAttributeValues(Map.of(":due", Attributes.date(timer.dueAt()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private java.util.stream.Stream<Timer> scan(ScanRequest request) {
        return Scans.all(dynamo, request).stream().map(DynamoDbTimerStore::timer).sorted(EARLIEST_FIRST);
    }

    private static Timer timer(Map<String, AttributeValue> item) {
        return new Timer(item.get("arn").s(), item.get("ref").s(), Instant.ofEpochMilli(
                Attributes.number(item, "dueAt")));
    }
}
