package io.stepwise.engine.port;

/** The store contract over the in-memory reference adapter. */
class InMemoryExecutionStoreTest extends ExecutionStoreContract {
    private InMemoryExecutionStore store;

    @Override
    protected ExecutionStore createStore() {
        store = new InMemoryExecutionStore();
        return store;
    }

    @Override
    protected TimerStore timerStore() {
        return store;
    }
}
