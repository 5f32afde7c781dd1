package io.stepwise.local.runtime;

import io.stepwise.engine.port.InMemoryExecutionStore;
import io.stepwise.engine.port.InMemoryMapRunStore;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.runtime.RuntimeContract;
import io.stepwise.runtime.RuntimeUnderTest;
import java.time.Clock;

/** The runner's contract over the in-memory store and the in-process queue, dispatcher, timer poller and sweeper. */
class InMemoryRuntimeTest extends RuntimeContract {

    @Override
    protected RuntimeUnderTest start(IntegrationRegistry integrations, Clock clock) {
        InMemoryExecutionStore store = new InMemoryExecutionStore();
        return new LocalRuntimeUnderTest(store, store, new InMemoryMapRunStore(), integrations, clock, () -> { });
    }

    @Override
    protected RuntimeUnderTest startBeside(RuntimeUnderTest first, IntegrationRegistry integrations, Clock clock) {
        return LocalRuntimeUnderTest.beside(first, integrations, clock);
    }
}
