package io.stepwise.local.store;

import io.stepwise.engine.port.TimerStore;
import io.stepwise.engine.port.TimerStoreContract;
import org.junit.jupiter.api.AfterEach;

class SqliteTimerStoreTest extends TimerStoreContract {
    private SqliteDatabase db;

    @Override
    protected TimerStore createStore() {
        db = SqliteDatabase.inMemory();
        return new SqliteTimerStore(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
