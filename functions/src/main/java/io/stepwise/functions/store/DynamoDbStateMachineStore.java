package io.stepwise.functions.store;

import io.stepwise.engine.port.Page;
import io.stepwise.engine.port.StateMachineRecord;
import io.stepwise.engine.port.StateMachineStore;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * State machines in DynamoDB, one item per ARN holding the whole record (definition and tags included) as JSON;
 * updates are conditional on the digest of the record the caller read.
 */
public final class DynamoDbStateMachineStore implements StateMachineStore {
    private final NamedItems<StateMachineRecord> items;

    public DynamoDbStateMachineStore(DynamoDbClient dynamo, DynamoDbTables tables) {
        this.items = new NamedItems<>(dynamo, tables.stateMachines(), "machine", StateMachineRecord.class);
    }

    @Override
    public boolean create(StateMachineRecord machine) {
        return items.create(machine.arn(), machine.name(), machine);
    }

    @Override
    public Optional<StateMachineRecord> find(String arn) {
        return items.find(arn);
    }

    @Override
    public boolean update(StateMachineRecord expected, StateMachineRecord updated) {
        return items.replace(expected.arn(), updated.name(), expected, updated);
    }

    @Override
    public boolean delete(String arn) {
        return items.delete(arn);
    }

    @Override
    public Page<StateMachineRecord> list(int maxResults, String nextToken) {
        return items.list(maxResults, nextToken);
    }
}
