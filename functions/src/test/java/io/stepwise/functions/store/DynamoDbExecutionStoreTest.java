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

    /**
     * moto serves requests on concurrent threads with nothing between a conditional write's check and its write
     * (two winners in 9 of 200 rounds of four racing TransactWriteItems); {@code ./test} starts it with its DynamoDB
     * writes serialized, atomic as DynamoDB's are, and says so in {@code STEPWISE_MOTO_SERIALIZED}.
     */
    @Override
    protected boolean conditionalWritesAreAtomic() {
        return "1".equals(System.getenv("STEPWISE_MOTO_SERIALIZED"));
    }

    @Override
    protected TimerStore timerStore() {
        return new DynamoDbTimerStore(dynamo, tables);
    }
}
