package io.stepwise.functions.store;

import io.stepwise.engine.port.ActivityStore;
import io.stepwise.engine.port.ActivityStoreContract;
import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.ExecutionStoreContract;
import io.stepwise.engine.port.StateMachineStore;
import io.stepwise.engine.port.StateMachineStoreContract;
import io.stepwise.engine.port.StateMachineVersionStore;
import io.stepwise.engine.port.StateMachineVersionStoreContract;
import io.stepwise.engine.port.TimerStore;
import io.stepwise.engine.port.TimerStoreContract;
import io.stepwise.functions.LocalStack;
import io.stepwise.functions.Moto;
import org.junit.jupiter.api.Nested;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB stores' port contracts against LocalStack's DynamoDB, where Docker exists. */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackStoresTest {

    private static DynamoDbTables tables(DynamoDbClient dynamo) {
        DynamoDbTables tables = new DynamoDbTables(Moto.uniquePrefix());
        tables.create(dynamo);
        return tables;
    }

    @Nested
    class Executions extends ExecutionStoreContract {
        private DynamoDbClient dynamo;
        private DynamoDbTables tables;

        @Override
        protected ExecutionStore createStore() {
            dynamo = LocalStack.dynamo();
            tables = tables(dynamo);
            return new DynamoDbExecutionStore(dynamo, tables);
        }

        @Override
        protected TimerStore timerStore() {
            return new DynamoDbTimerStore(dynamo, tables);
        }
    }

    @Nested
    class Timers extends TimerStoreContract {
        private DynamoDbClient dynamo;
        private DynamoDbTables tables;

        @Override
        protected ExecutionStore createExecutionStore() {
            dynamo = LocalStack.dynamo();
            tables = tables(dynamo);
            return new DynamoDbExecutionStore(dynamo, tables);
        }

        @Override
        protected TimerStore timerStore() {
            return new DynamoDbTimerStore(dynamo, tables);
        }
    }

    @Nested
    class StateMachines extends StateMachineStoreContract {
        @Override
        protected StateMachineStore createStore() {
            DynamoDbClient dynamo = LocalStack.dynamo();
            return new DynamoDbStateMachineStore(dynamo, tables(dynamo));
        }
    }

    @Nested
    class Versions extends StateMachineVersionStoreContract {
        private DynamoDbClient dynamo;
        private DynamoDbTables tables;

        @Override
        protected StateMachineStore createMachineStore() {
            dynamo = LocalStack.dynamo();
            tables = tables(dynamo);
            return new DynamoDbStateMachineStore(dynamo, tables);
        }

        @Override
        protected StateMachineVersionStore versionStore() {
            return new DynamoDbVersionStore(dynamo, tables);
        }
    }

    @Nested
    class Activities extends ActivityStoreContract {
        @Override
        protected ActivityStore createStore() {
            DynamoDbClient dynamo = LocalStack.dynamo();
            return new DynamoDbActivityStore(dynamo, tables(dynamo));
        }
    }
}
