package io.stepwise.local.store;

import io.stepwise.engine.port.ActivityStore;
import io.stepwise.engine.port.ActivityStoreContract;
import org.junit.jupiter.api.AfterEach;

class SqliteActivityStoreTest extends ActivityStoreContract {
    private SqliteDatabase db;

    @Override
    protected ActivityStore createStore() {
        db = SqliteDatabase.inMemory();
        return new SqliteActivityStore(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
