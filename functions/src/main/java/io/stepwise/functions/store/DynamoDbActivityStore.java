package io.stepwise.functions.store;

import io.stepwise.engine.port.ActivityRecord;
import io.stepwise.engine.port.ActivityStore;
import io.stepwise.engine.port.Page;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Activities in DynamoDB, one item per ARN holding the whole record as JSON. */
public final class DynamoDbActivityStore implements ActivityStore {
    private final NamedItems<ActivityRecord> items;

    public DynamoDbActivityStore(DynamoDbClient dynamo, DynamoDbTables tables) {
        this.items = new NamedItems<>(dynamo, tables.activities(), "activity", ActivityRecord.class);
    }

    @Override
    public boolean create(ActivityRecord activity) {
        return items.create(activity.arn(), activity.name(), activity);
    }

    @Override
    public Optional<ActivityRecord> find(String arn) {
        return items.find(arn);
    }

    @Override
    public boolean update(ActivityRecord expected, ActivityRecord updated) {
        return items.replace(expected.arn(), updated.name(), expected, updated);
    }

    @Override
    public boolean delete(String arn) {
        return items.delete(arn);
    }

    @Override
    public Page<ActivityRecord> list(int maxResults, String nextToken) {
        return items.list(maxResults, nextToken);
    }
}
