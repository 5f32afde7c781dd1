package io.stepwise.functions.store;

import static io.stepwise.functions.store.Attributes.s;

import io.stepwise.engine.port.InvalidPageToken;
import io.stepwise.engine.port.Page;
import io.stepwise.engine.port.PageTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Records kept whole as JSON under their ARN and listed by name through the {@code byName} index (state machines,
 * activities). Each item carries the SHA-256 of its JSON, so a replacement can be conditional on the record the
 * caller read without comparing every field in a condition expression. Listing reads the index, which DynamoDB
 * keeps eventually consistent, as AWS's own List* calls are.
 */
final class NamedItems<T> {
    private final DynamoDbClient dynamo;
    private final String table;
    private final String kind;
    private final Class<T> type;

    NamedItems(DynamoDbClient dynamo, String table, String kind, Class<T> type) {
        this.dynamo = dynamo;
        this.table = table;
        this.kind = kind;
        this.type = type;
    }

    boolean create(String arn, String name, T record) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(arn, name, record))
                    .conditionExpression("attribute_not_exists(arn)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    Optional<T> find(String arn) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(Map.of("arn", s(arn)))
                .consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(record(response.item()))
                : Optional.empty();
    }

    /** Replaces the stored record with {@code updated} only if it is still {@code expected}. */
    boolean replace(String arn, String name, T expected, T updated) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(arn, name, updated)).conditionExpression("digest = :read")
                    .expressionAttributeValues(Map.of(":read", s(TokenHash.of(DynamoDbJson.JSON.write(expected))))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    boolean delete(String arn) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Map.of("arn", s(arn)))
                    .conditionExpression("attribute_exists(arn)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    Page<T> list(int maxResults, String nextToken) {
        String scope = table + "\n" + kind;
        String after = PageTokens.decode(scope, nextToken);
        Map<String, AttributeValue> start = null;
        if (after != null) {
            int bar = after.indexOf('|');
            if (bar < 0) {
                throw new InvalidPageToken();
            }
            start = Map.of("kind", s(kind), "name", s(after.substring(0, bar)), "arn", s(after.substring(bar + 1)));
        }
        List<Map<String, AttributeValue>> items = Queries.upTo(dynamo, QueryRequest.builder().tableName(table)
                .indexName(DynamoDbTables.BY_NAME).keyConditionExpression("kind = :kind")
                .expressionAttributeValues(Map.of(":kind", s(kind))).build(), start, maxResults + 1L,
                Queries.UNLIMITED, item -> item);
        List<T> records = items.stream().limit(maxResults).map(this::record).toList();
        if (items.size() <= maxResults) {
            return new Page<>(records, null);
        }
        Map<String, AttributeValue> last = items.get(maxResults - 1);
        return new Page<>(records, PageTokens.encode(scope, last.get("name").s() + "|" + last.get("arn").s()));
    }

    private Map<String, AttributeValue> item(String arn, String name, T record) {
        String json = DynamoDbJson.JSON.write(record);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("arn", s(arn));
        item.put("kind", s(kind));
        item.put("name", s(name));
        item.put("record", LargeText.inline().encode(json, arn));
        item.put("digest", s(TokenHash.of(json)));
        return item;
    }

    private T record(Map<String, AttributeValue> item) {
        return DynamoDbJson.JSON.read(LargeText.inline().decode(item.get("record")), type);
    }
}
