package io.stepwise.runtime;

import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.TimerStore;
import java.time.Duration;

/** One runtime's adapters wired around a {@link TransitionRunner}, as {@link RuntimeContract} drives them. */
public interface RuntimeUnderTest extends AutoCloseable {

    TransitionRunner runner();

    /** The store the runner commits to. */
    ExecutionStore executions();

    /** The stored timers the runner's commits start and consume. */
    TimerStore timers();

    /** Hands the fire of every timer due by the runtime's clock to the transition queue. */
    void fireDueTimers();

    /** Waits until every delivery queued and every task dispatched so far has been applied. */
    void awaitIdle() throws InterruptedException;

    /**
     * Runs the recovery sweep of tasks committed but never answered as if {@code later} had passed on the wall
     * clock; returns how many tasks it dispatched again.
     */
    int sweep(Duration later);

    @Override
    void close();
}
