package io.stepwise.local.runtime;

import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TimerStore;
import io.stepwise.local.store.SqliteDatabase;
import io.stepwise.local.store.SqliteExecutionStore;
import io.stepwise.local.store.SqliteTimerStore;
import io.stepwise.runtime.RuntimeContract;
import io.stepwise.runtime.RuntimeUnderTest;
import io.stepwise.runtime.TransitionRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The runner's contract over the SQLite stores and the in-process queue, dispatcher and timer poller. */
class SqliteRuntimeTest extends RuntimeContract {

    @Override
    protected RuntimeUnderTest start(IntegrationRegistry integrations, Clock clock) {
        SqliteDatabase db = SqliteDatabase.inMemory();
        SqliteExecutionStore executions = new SqliteExecutionStore(db);
        SqliteTimerStore timers = new SqliteTimerStore(db);
        LocalRuntime runtime = new LocalRuntime(executions, timers, integrations, clock, 4, 4);
        return new RuntimeUnderTest() {
            @Override
            public TransitionRunner runner() {
                return runtime.runner();
            }

            @Override
            public ExecutionStore executions() {
                return executions;
            }

            @Override
            public TimerStore timers() {
                return timers;
            }

            @Override
            public void fireDueTimers() {
                runtime.fireDueTimers();
            }

            @Override
            public void awaitIdle() throws InterruptedException {
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!runtime.isIdle()) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the runtime did not become idle");
                    }
                    Thread.sleep(2);
                }
            }

            @Override
            public int sweep(Duration later) {
                return runtime.sweepOutbox(Instant.now().plus(later));
            }

            @Override
            public void close() {
                runtime.close();
                db.close();
            }
        };
    }
}
