package io.stepwise.functions.store;

import io.stepwise.functions.CallerIdentity;
import io.stepwise.functions.ExecutionCallers;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Callers in the {@code versions} table under the execution's ARN, sort key {@code caller}, beside the execution's
 * {@code source}: a small item of its own (one write unit), so recording it never rewrites the execution item, whose
 * writes are billed on its whole size, and never races the execution's compare-and-set.
 */
public final class DynamoDbExecutionCallers implements ExecutionCallers {
    private static final String SORT_KEY = "caller";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbExecutionCallers(DynamoDbClient dynamo, DynamoDbTables tables) {
        this.dynamo = dynamo;
        this.table = tables.versions();
    }

    @Override
    public void record(String executionArn, CallerIdentity caller) {
        Map<String, AttributeValue> item = new HashMap<>(key(executionArn));
        put(item, "userArn", caller.userArn());
        put(item, "principalId", caller.caller());
        put(item, "accountId", caller.accountId());
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            // Recorded by the start that created the execution.
        }
    }

    @Override
    public Optional<CallerIdentity> of(String executionArn) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(executionArn))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CallerIdentity(text(item, "userArn"), text(item, "principalId"),
                text(item, "accountId")));
    }

    private static Map<String, AttributeValue> key(String executionArn) {
        return Map.of("pk", AttributeValue.fromS(executionArn), "sk", AttributeValue.fromS(SORT_KEY));
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
