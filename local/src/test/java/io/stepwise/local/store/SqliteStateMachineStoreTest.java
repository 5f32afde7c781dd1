package io.stepwise.local.store;

import io.stepwise.engine.port.StateMachineStore;
import io.stepwise.engine.port.StateMachineStoreContract;
import org.junit.jupiter.api.AfterEach;

class SqliteStateMachineStoreTest extends StateMachineStoreContract {
    private SqliteDatabase db;

    @Override
    protected StateMachineStore createStore() {
        db = SqliteDatabase.inMemory();
        return new SqliteStateMachineStore(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
