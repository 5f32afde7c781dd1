package io.stepwise.engine.port;

class InMemoryMapRunStoreTest extends MapRunStoreContract {
    @Override
    protected MapRunStore createStore() {
        return new InMemoryMapRunStore();
    }
}
