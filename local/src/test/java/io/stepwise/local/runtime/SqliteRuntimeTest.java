package io.stepwise.local.runtime;

import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.local.store.SqliteDatabase;
import io.stepwise.local.store.SqliteExecutionStore;
import io.stepwise.local.store.SqliteMapRunStore;
import io.stepwise.local.store.SqliteTimerStore;
import io.stepwise.runtime.RuntimeContract;
import io.stepwise.runtime.RuntimeUnderTest;
import java.time.Clock;

/** The runner's contract over the SQLite stores and the in-process queue, dispatcher, timer poller and sweeper. */
class SqliteRuntimeTest extends RuntimeContract {

    @Override
    protected RuntimeUnderTest start(IntegrationRegistry integrations, Clock clock) {
        SqliteDatabase db = SqliteDatabase.inMemory();
        return new LocalRuntimeUnderTest(new SqliteExecutionStore(db), new SqliteTimerStore(db),
                new SqliteMapRunStore(db), integrations, clock, db::close);
    }

    /** Over the same database object: SQLite has one writer, and two processes would meet at its lock anyway. */
    @Override
    protected RuntimeUnderTest startBeside(RuntimeUnderTest first, IntegrationRegistry integrations, Clock clock) {
        return LocalRuntimeUnderTest.beside(first, integrations, clock);
    }
}
