package io.stepwise.local.store;

import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.TimerStore;
import io.stepwise.engine.port.TimerStoreContract;
import org.junit.jupiter.api.AfterEach;

class SqliteTimerStoreTest extends TimerStoreContract {
    private SqliteDatabase db;

    @Override
    protected ExecutionStore createExecutionStore() {
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
