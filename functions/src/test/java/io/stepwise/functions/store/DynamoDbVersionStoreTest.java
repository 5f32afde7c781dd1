package io.stepwise.functions.store;

import io.stepwise.engine.port.StateMachineStore;
import io.stepwise.engine.port.StateMachineVersionStore;
import io.stepwise.engine.port.StateMachineVersionStoreContract;
import io.stepwise.functions.Moto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbVersionStoreTest extends StateMachineVersionStoreContract {
    private DynamoDbClient dynamo;
    private DynamoDbTables tables;

    @Override
    protected StateMachineStore createMachineStore() {
        dynamo = Moto.dynamo();
        tables = new DynamoDbTables(Moto.uniquePrefix());
        tables.create(dynamo);
        return new DynamoDbStateMachineStore(dynamo, tables);
    }

    @Override
    protected StateMachineVersionStore versionStore() {
        return new DynamoDbVersionStore(dynamo, tables);
    }
}
