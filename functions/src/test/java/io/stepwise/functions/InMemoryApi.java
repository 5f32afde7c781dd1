package io.stepwise.functions;

import io.stepwise.api.Arns;
import io.stepwise.api.StepFunctionsService;
import io.stepwise.engine.Command;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.port.InMemoryExecutionStore;
import io.stepwise.local.store.SqliteActivityStore;
import io.stepwise.local.store.SqliteDatabase;
import io.stepwise.local.store.SqliteStateMachineStore;
import io.stepwise.local.store.SqliteVersionStore;
import io.stepwise.runtime.InMemoryActivityQueue;
import io.stepwise.runtime.TestTimerServices;
import io.stepwise.runtime.TimerService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API function's service over in-memory adapters in place of DynamoDB and SQS: the engine's in-memory
 * execution store, SQLite's in-memory database for state machines, versions and activities, and a task queue that
 * keeps what it is handed. Account 111122223333 in eu-west-1.
 */
final class InMemoryApi implements AutoCloseable {
    static final Arns ARNS = new Arns("eu-west-1", "111122223333");

    final List<Command.InvokeTask> dispatched = new ArrayList<>();
    /** Asynchronous Express starts handed over; a deployed stack hands them to a worker through a queue. */
    final List<ExecutionStart> launched = new ArrayList<>();
    final StepFunctionsService service;
    private final SqliteDatabase db = SqliteDatabase.inMemory();

    InMemoryApi() {
        TimerService timers = TestTimerServices.none();
        Adapters adapters = new Adapters(new SqliteStateMachineStore(db), new SqliteVersionStore(db),
                new InMemoryExecutionStore(), new SqliteActivityStore(db),
                (executionArn, task) -> dispatched.add(task), timers, resource -> Optional.empty(),
                (start, definition) -> launched.add(start), new InMemoryActivityQueue());
        service = ApiComposition.service(adapters, Clock.systemUTC(), ARNS);
    }

    @Override
    public void close() {
        db.close();
    }
}
