package io.stepwise.engine.port;

class InMemoryActivityStoreTest extends ActivityStoreContract {
    @Override
    protected ActivityStore createStore() {
        return new InMemoryActivityStore();
    }
}
