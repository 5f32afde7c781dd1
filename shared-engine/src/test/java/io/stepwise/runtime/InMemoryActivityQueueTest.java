package io.stepwise.runtime;

class InMemoryActivityQueueTest extends ActivityQueueContract {
    @Override
    protected ActivityQueue createQueue() {
        return new InMemoryActivityQueue();
    }
}
