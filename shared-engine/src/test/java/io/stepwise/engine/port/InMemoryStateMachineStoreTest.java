package io.stepwise.engine.port;

class InMemoryStateMachineStoreTest extends StateMachineStoreContract {
    @Override
    protected StateMachineStore createStore() {
        return new InMemoryStateMachineStore();
    }
}
