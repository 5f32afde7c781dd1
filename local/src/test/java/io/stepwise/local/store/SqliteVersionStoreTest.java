package io.stepwise.local.store;

import io.stepwise.engine.port.StateMachineStore;
import io.stepwise.engine.port.StateMachineVersionStore;
import io.stepwise.engine.port.StateMachineVersionStoreContract;
import org.junit.jupiter.api.AfterEach;

class SqliteVersionStoreTest extends StateMachineVersionStoreContract {
    private SqliteDatabase db;

    @Override
    protected StateMachineStore createMachineStore() {
        db = SqliteDatabase.inMemory();
        return new SqliteStateMachineStore(db);
    }

    @Override
    protected StateMachineVersionStore versionStore() {
        return new SqliteVersionStore(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
