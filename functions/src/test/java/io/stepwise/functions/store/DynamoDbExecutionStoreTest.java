package io.stepwise.functions.store;

import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.ExecutionStoreContract;
import io.stepwise.engine.port.TimerStore;
import io.stepwise.functions.Moto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbExecutionStoreTest extends ExecutionStoreContract {
    private DynamoDbClient dynamo;
    private DynamoDbTables tables;

    @Override
    protected ExecutionStore createStore() {
        dynamo = Moto.dynamo();
        tables = new DynamoDbTables(Moto.uniquePrefix());
        tables.create(dynamo);
        return new DynamoDbExecutionStore(dynamo, tables);
    }

    @Override
    protected TimerStore timerStore() {
        return new DynamoDbTimerStore(dynamo, tables);
    }
}
