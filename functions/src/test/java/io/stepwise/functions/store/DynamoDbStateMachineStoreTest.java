package io.stepwise.functions.store;

import io.stepwise.engine.port.StateMachineStore;
import io.stepwise.engine.port.StateMachineStoreContract;
import io.stepwise.functions.Moto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbStateMachineStoreTest extends StateMachineStoreContract {
    @Override
    protected StateMachineStore createStore() {
        DynamoDbClient dynamo = Moto.dynamo();
        DynamoDbTables tables = new DynamoDbTables(Moto.uniquePrefix());
        tables.create(dynamo);
        return new DynamoDbStateMachineStore(dynamo, tables);
    }
}
