package io.stepwise.functions.store;

import io.stepwise.engine.port.MapRunStore;
import io.stepwise.engine.port.MapRunStoreContract;
import io.stepwise.functions.Moto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbMapRunStoreTest extends MapRunStoreContract {
    @Override
    protected MapRunStore createStore() {
        DynamoDbClient dynamo = Moto.dynamo();
        DynamoDbTables tables = new DynamoDbTables(Moto.uniquePrefix());
        tables.create(dynamo);
        return new DynamoDbMapRunStore(dynamo, tables);
    }
}
