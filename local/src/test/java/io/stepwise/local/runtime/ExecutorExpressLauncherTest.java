package io.stepwise.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.runtime.ExpressLauncher;
import io.stepwise.runtime.ExpressLauncherContract;
import io.stepwise.runtime.ExpressRunner;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExecutorExpressLauncherTest extends ExpressLauncherContract {
    @Override
    protected ExpressLauncher createLauncher(ExpressRunner runner) {
        return new ExecutorExpressLauncher(runner, 4, 100);
    }

    @Override
    protected void close(ExpressLauncher launcher) {
        ((ExecutorExpressLauncher) launcher).close();
    }

    @Test
    void pastItsThreadsAndBacklogALaunchIsRefused() throws InterruptedException {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        ExpressRunner blocking = new ExpressRunner(resource -> Optional.of(request -> {
            running.countDown();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new TaskOutcome.Succeeded(request.input());
        }), Clock.systemUTC());
        String definition = """
                {"StartAt":"T","States":{"T":{"Type":"Task",
                 "Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","End":true}}}""";
        try (ExecutorExpressLauncher launcher = new ExecutorExpressLauncher(blocking, 1, 1)) {
            assertThat(launcher.launch(start("running"), definition)).isTrue();
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(launcher.launch(start("waiting"), definition)).as("in the backlog").isTrue();

            assertThat(launcher.launch(start("refused"), definition)).isFalse();
            gate.countDown();
        }
    }

    private static ExecutionStart start(String name) {
        return new ExecutionStart("arn:aws:states:us-east-1:123456789012:express:x:" + name + ":1", name,
                "arn:aws:states:us-east-1:123456789012:stateMachine:x", "x", "arn:aws:iam::123456789012:role/r",
                "us-east-1", "{}", Instant.parse("2026-01-01T00:00:00Z"), 1);
    }
}
