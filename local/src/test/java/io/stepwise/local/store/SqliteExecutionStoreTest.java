package io.stepwise.local.store;

import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.ExecutionStoreContract;
import io.stepwise.engine.port.TimerStore;
import org.junit.jupiter.api.AfterEach;

class SqliteExecutionStoreTest extends ExecutionStoreContract {
    private SqliteDatabase db;

    @Override
    protected ExecutionStore createStore() {
        db = SqliteDatabase.inMemory();
        return new SqliteExecutionStore(db);
    }

    @Override
    protected TimerStore timerStore() {
        return new SqliteTimerStore(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
