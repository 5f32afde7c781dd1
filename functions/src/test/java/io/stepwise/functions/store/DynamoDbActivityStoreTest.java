package io.stepwise.functions.store;

import io.stepwise.engine.port.ActivityStore;
import io.stepwise.engine.port.ActivityStoreContract;
import io.stepwise.functions.Moto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbActivityStoreTest extends ActivityStoreContract {
    @Override
    protected ActivityStore createStore() {
        DynamoDbClient dynamo = Moto.dynamo();
        DynamoDbTables tables = new DynamoDbTables(Moto.uniquePrefix());
        tables.create(dynamo);
        return new DynamoDbActivityStore(dynamo, tables);
    }
}
