package io.stepwise.local.store;

import io.stepwise.engine.port.MapRunStore;
import io.stepwise.engine.port.MapRunStoreContract;
import org.junit.jupiter.api.AfterEach;

class SqliteMapRunStoreTest extends MapRunStoreContract {
    private SqliteDatabase db;

    @Override
    protected MapRunStore createStore() {
        db = SqliteDatabase.inMemory();
        return new SqliteMapRunStore(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
