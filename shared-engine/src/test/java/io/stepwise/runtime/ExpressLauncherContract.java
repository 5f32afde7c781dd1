package io.stepwise.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ExpressLauncher} adapter must do: hand the execution over and return at once, then run it to
 * its end. An adapter's test extends this and builds its launcher around the given runner.
 */
public abstract class ExpressLauncherContract {
    private static final String WORK = "arn:aws:lambda:us-east-1:123456789012:function:work";
    private static final String DEFINITION = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(WORK);

    private final CountDownLatch gate = new CountDownLatch(1);
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final IntegrationRegistry integrations = resource -> Optional.of(request -> {
        try {
            gate.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finished.add(request.executionArn());
        return new TaskOutcome.Succeeded(request.input());
    });
    private ExpressLauncher launcher;

    /** A launcher with room for at least 20 executions that runs them with {@code runner}. */
    protected abstract ExpressLauncher createLauncher(ExpressRunner runner);

    /** Releases what the launcher holds. */
    protected abstract void close(ExpressLauncher launcher);

    @AfterEach
    void closeLauncher() {
        gate.countDown();
        if (launcher != null) {
            close(launcher);
        }
    }

    static ExecutionStart start(String name) {
        return new ExecutionStart("arn:aws:states:us-east-1:123456789012:express:x:" + name + ":1", name,
                "arn:aws:states:us-east-1:123456789012:stateMachine:x", "x", "arn:aws:iam::123456789012:role/r",
                "us-east-1", "{}", Instant.parse("2026-01-01T00:00:00Z"), 1);
    }

    @Test
    void launchReturnsBeforeTheExecutionEndsAndTheExecutionThenRunsToItsEnd() throws InterruptedException {
        launcher = createLauncher(new ExpressRunner(integrations, Clock.systemUTC()));

        assertThat(launcher.launch(start("a"), DEFINITION)).isTrue();
        assertThat(finished).isEmpty();
        gate.countDown();

        awaitFinished(1);
        assertThat(finished).containsExactly(start("a").executionArn());
    }

    @Test
    void everyLaunchedExecutionRuns() throws InterruptedException {
        launcher = createLauncher(new ExpressRunner(integrations, Clock.systemUTC()));
        gate.countDown();

        for (int i = 0; i < 20; i++) {
            assertThat(launcher.launch(start("e" + i), DEFINITION)).isTrue();
        }

        awaitFinished(20);
    }

    private void awaitFinished(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (finished.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(finished).hasSize(count);
    }
}
