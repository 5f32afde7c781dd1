package io.stepwise.engine.port;

/** The timer contract over the in-memory reference adapter. */
class InMemoryTimerStoreTest extends TimerStoreContract {
    private InMemoryExecutionStore store;

    @Override
    protected ExecutionStore createExecutionStore() {
        store = new InMemoryExecutionStore();
        return store;
    }

    @Override
    protected TimerStore timerStore() {
        return store;
    }
}
