package io.stepwise.functions.store;

import static io.stepwise.functions.store.Attributes.s;

import io.stepwise.engine.port.ChildResult;
import io.stepwise.engine.port.InvalidPageToken;
import io.stepwise.engine.port.MapRunRecord;
import io.stepwise.engine.port.MapRunStore;
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
 * Map Runs in DynamoDB, one item per run holding the record as JSON with its SHA-256, which updates are
 * conditional on; listed per execution, newest first, through the {@code byExecution} index. The ends of its
 * Express children are items of the same table under {@code <run arn>#<index>}, without the attributes the index
 * projects, so no listing sees them. Apart from the
 * executions table, so the counts changing as children end never touch the parent's item.
 */
public final class DynamoDbMapRunStore implements MapRunStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbMapRunStore(DynamoDbClient dynamo, DynamoDbTables tables) {
        this.dynamo = dynamo;
        this.table = tables.mapRuns();
    }

    @Override
    public boolean create(MapRunRecord run) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(run)).conditionExpression("attribute_not_exists(arn)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<MapRunRecord> find(String mapRunArn) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table).key(Map.of("arn", s(mapRunArn)))
                .consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(record(response.item()))
                : Optional.empty();
    }

    @Override
    public boolean update(MapRunRecord expected, MapRunRecord updated) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(item(updated)).conditionExpression("digest = :read")
                    .expressionAttributeValues(Map.of(":read", s(TokenHash.of(DynamoDbJson.JSON.write(expected))))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Page<MapRunRecord> list(String executionArn, int maxResults, String nextToken) {
        String scope = "mapRuns\n" + executionArn;
        String after = PageTokens.decode(scope, nextToken);
        Map<String, AttributeValue> start = null;
        if (after != null) {
            int bar = after.indexOf('|');
            if (bar < 0) {
                throw new InvalidPageToken();
            }
            start = Map.of("executionArn", s(executionArn), "startKey", s(after), "arn", s(after.substring(bar + 1)));
        }
        List<Map<String, AttributeValue>> items = Queries.upTo(dynamo, QueryRequest.builder().tableName(table)
                .indexName(DynamoDbTables.BY_EXECUTION).keyConditionExpression("executionArn = :e")
                .expressionAttributeValues(Map.of(":e", s(executionArn))).scanIndexForward(false).build(),
                start, maxResults + 1L, Queries.UNLIMITED, item -> item);
        List<MapRunRecord> records = items.stream().limit(maxResults).map(DynamoDbMapRunStore::record).toList();
        if (items.size() <= maxResults) {
            return new Page<>(records, null);
        }
        return new Page<>(records, PageTokens.encode(scope, items.get(maxResults - 1).get("startKey").s()));
    }

    private static Map<String, AttributeValue> item(MapRunRecord run) {
        String json = DynamoDbJson.JSON.write(run);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("arn", s(run.mapRunArn()));
        item.put("executionArn", s(run.executionArn()));
        item.put("startKey", s(String.format("%013d", run.startDate().toEpochMilli()) + "|" + run.mapRunArn()));
        item.put("record", s(json));
        item.put("digest", s(TokenHash.of(json)));
        return item;
    }

    private static MapRunRecord record(Map<String, AttributeValue> item) {
        return DynamoDbJson.JSON.read(item.get("record").s(), MapRunRecord.class);
    }

    @Override
    public boolean putChildResult(String mapRunArn, int index, ChildResult result) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(Map.of("arn", s(childKey(mapRunArn, index)),
                    "result", s(DynamoDbJson.JSON.write(result)),
                    "redriveCount", AttributeValue.fromN(Integer.toString(result.redriveCount()))))
                    .conditionExpression("attribute_not_exists(arn) OR redriveCount < :attempt")
                    .expressionAttributeValues(Map.of(":attempt",
                            AttributeValue.fromN(Integer.toString(result.redriveCount())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<ChildResult> childResult(String mapRunArn, int index) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("arn", s(childKey(mapRunArn, index)))).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(DynamoDbJson.JSON.read(response.item().get("result").s(), ChildResult.class))
                : Optional.empty();
    }

    private static String childKey(String mapRunArn, int index) {
        return mapRunArn + "#" + index;
    }
}
