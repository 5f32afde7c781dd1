package io.stepwise.local.runtime;

import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.MapRunStore;
import io.stepwise.engine.port.TimerStore;
import io.stepwise.runtime.MapRuns;
import io.stepwise.runtime.RuntimeUnderTest;
import io.stepwise.runtime.TransitionRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A {@link LocalRuntime} over the given stores, as the runtime contract drives it. */
final class LocalRuntimeUnderTest implements RuntimeUnderTest {
    private final ExecutionStore executions;
    private final TimerStore timers;
    private final MapRunStore mapRuns;
    private final LocalRuntime runtime;
    private final Runnable closeStorage;

    LocalRuntimeUnderTest(ExecutionStore executions, TimerStore timers, MapRunStore mapRuns,
            IntegrationRegistry integrations, Clock clock, Runnable closeStorage) {
        this.executions = executions;
        this.timers = timers;
        this.mapRuns = mapRuns;
        this.runtime = new LocalRuntime(executions, timers, integrations, new MapRuns(mapRuns), clock, 4, 4);
        this.closeStorage = closeStorage;
    }

    /** A second runtime over the storage of {@code first}, as another instance would be. */
    static LocalRuntimeUnderTest beside(RuntimeUnderTest first, IntegrationRegistry integrations, Clock clock) {
        LocalRuntimeUnderTest local = (LocalRuntimeUnderTest) first;
        return new LocalRuntimeUnderTest(local.executions, local.timers, local.mapRuns, integrations, clock,
                () -> { });
    }

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
        closeStorage.run();
    }
}
