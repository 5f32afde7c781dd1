package io.stepwise.functions.store;

import io.stepwise.runtime.ActivityQueue;
import io.stepwise.runtime.ActivityTask;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Activity tasks in the {@code activityTasks} table, one partition per activity, oldest first by the sort key
 * ({@code 13-digit offer time in ms + "#" + SHA-256 of the token}). A poll takes the oldest task that nobody holds
 * with a conditional update ({@code claimedUntil}), so two API instances never take the same one; a task taken but
 * never acknowledged (the API function died in between) is handed out again once its claim runs out.
 *
 * <p>DynamoDB rather than SQS: an SQS queue serves no "this activity's tasks" receive, so one shared queue would
 * hand pollers other activities' tasks to put back, and a queue per activity would have the API create and delete
 * queues (and hold the IAM rights to) as activities come and go; here an activity is a key, its tasks are ordered,
 * and deleting it deletes a partition. The price is that a long poll is a loop of queries (backing off from
 * {@value #FIRST_PAUSE_MILLIS} ms to {@value #LAST_PAUSE_MILLIS} ms), not a push; and it lasts at most
 * {@link #LONGEST_POLL}, since API Gateway ends a request after 29 seconds (AWS's own GetActivityTask waits up to
 * 60): workers poll again after an empty answer, as AWS's do.
 */
public final class DynamoDbActivityQueue implements ActivityQueue {
    static final Duration LONGEST_POLL = Duration.ofSeconds(20);
    /** How long a task handed out stays hidden without an acknowledgement; the API acknowledges within a call. */
    static final Duration CLAIM = Duration.ofSeconds(60);
    static final long FIRST_PAUSE_MILLIS = 50;
    static final long LAST_PAUSE_MILLIS = 1_000;
    private static final int CANDIDATES = 10;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    /** @param clock the wall clock: claims measure real time whatever clock the executions run on */
    public DynamoDbActivityQueue(DynamoDbClient dynamo, DynamoDbTables tables, Clock clock) {
        this.dynamo = dynamo;
        this.table = tables.activityTasks();
        this.clock = clock;
    }

    @Override
    public void offer(ActivityTask task) {
        String key = String.format("%013d", clock.millis()) + "#" + sha256(task.taskToken());
        dynamo.putItem(b -> b.tableName(table).item(Map.of(
                "activityArn", Attributes.s(task.activityArn()),
                "sk", Attributes.s(key),
                "executionArn", Attributes.s(task.executionArn()),
                "token", Attributes.s(task.taskToken()),
                "input", Attributes.s(task.input()),
                "claimedUntil", Attributes.n(0))));
    }

    @Override
    public Optional<ActivityTask> poll(String activityArn, Duration maxWait) {
        Duration wait = maxWait.compareTo(LONGEST_POLL) < 0 ? maxWait : LONGEST_POLL;
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            Optional<ActivityTask> taken = takeOldest(activityArn);
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (taken.isPresent() || left <= 0) {
                return taken;
            }
            try {
                Thread.sleep(Math.min(pause, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            pause = Math.min(pause * 2, LAST_PAUSE_MILLIS);
        }
    }

    private Optional<ActivityTask> takeOldest(String activityArn) {
        long now = clock.millis();
        QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("activityArn = :a")
                .filterExpression("claimedUntil < :now")
                .expressionAttributeValues(Map.of(":a", Attributes.s(activityArn), ":now", Attributes.n(now)))
                .consistentRead(true).scanIndexForward(true).limit(CANDIDATES * 10).build());
        for (Map<String, AttributeValue> item : page.items().subList(0, Math.min(CANDIDATES, page.items().size()))) {
            try {
                dynamo.updateItem(b -> b.tableName(table).key(key(item))
                        .updateExpression("SET claimedUntil = :until")
                        .conditionExpression("claimedUntil < :now")
                        .expressionAttributeValues(Map.of(":now", Attributes.n(now),
                                ":until", Attributes.n(now + CLAIM.toMillis()))));
                return Optional.of(new ActivityTask(activityArn, Attributes.string(item, "executionArn"),
                        Attributes.string(item, "token"), Attributes.string(item, "input")));
            } catch (ConditionalCheckFailedException takenByAnother) {
                continue;
            }
        }
        return Optional.empty();
    }

    @Override
    public void acknowledge(ActivityTask task) {
        String suffix = "#" + sha256(task.taskToken());
        for (Map<String, AttributeValue> item : keys(task.activityArn())) {
            if (item.get("sk").s().endsWith(suffix)) {
                dynamo.deleteItem(b -> b.tableName(table).key(key(item)));
            }
        }
    }

    @Override
    public void forget(String activityArn) {
        for (Map<String, AttributeValue> item : keys(activityArn)) {
            dynamo.deleteItem(b -> b.tableName(table).key(key(item)));
        }
    }

    @Override
    public Duration longestGetActivityTask() {
        return LONGEST_POLL;
    }

    private List<Map<String, AttributeValue>> keys(String activityArn) {
        return dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                .keyConditionExpression("activityArn = :a")
                .expressionAttributeValues(Map.of(":a", Attributes.s(activityArn)))
                .projectionExpression("activityArn, sk").consistentRead(true).build())
                .items().stream().toList();
    }

    private static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        return Map.of("activityArn", item.get("activityArn"), "sk", item.get("sk"));
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
