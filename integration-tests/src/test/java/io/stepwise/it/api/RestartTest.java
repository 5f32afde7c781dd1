package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** Executions, history and timers live in the data directory: a restarted server carries on where it stopped. */
class RestartTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/stepwise";

    @TempDir
    Path dataDir;

    private static String startWait(LocalServer server, int seconds) {
        String definition = """
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":%d,"Next":"Done"},
                 "Done":{"Type":"Pass","Result":"woke","End":true}}}""".formatted(seconds);
        String machine = server.sfn.createStateMachine(b -> b.name("sleeper").definition(definition).roleArn(ROLE))
                .stateMachineArn();
        return server.sfn.startExecution(b -> b.stateMachineArn(machine).name("nap")).executionArn();
    }

    @Test
    void aWaitDueWhileTheServerWasDownFiresAfterRestart() throws InterruptedException {
        String execution;
        try (LocalServer first = new LocalServer(dataDir, false)) {
            execution = startWait(first, 1);
        }
        Thread.sleep(1_100);

        try (LocalServer second = new LocalServer(dataDir, false)) {
            DescribeExecutionResponse done = Await.end(second.sfn, execution);
            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(done.output()).isEqualTo("\"woke\"");
            assertThat(second.sfn.getExecutionHistory(b -> b.executionArn(execution)).events())
                    .extracting(HistoryEvent::type).containsExactly(HistoryEventType.EXECUTION_STARTED,
                            HistoryEventType.WAIT_STATE_ENTERED, HistoryEventType.WAIT_STATE_EXITED,
                            HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED,
                            HistoryEventType.EXECUTION_SUCCEEDED);
        }
    }

    @Test
    void anHourLongWaitFinishesAtOnceWhenRestartedWithVirtualTime() throws InterruptedException {
        String execution;
        try (LocalServer first = new LocalServer(dataDir, false)) {
            execution = startWait(first, 3600);
            assertThat(first.sfn.describeExecution(b -> b.executionArn(execution)).status())
                    .isEqualTo(ExecutionStatus.RUNNING);
        }

        try (LocalServer second = new LocalServer(dataDir, true)) {
            DescribeExecutionResponse done = Await.end(second.sfn, execution);
            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(Duration.between(done.startDate(), done.stopDate())).isGreaterThanOrEqualTo(Duration.ofHours(1));
        }
    }
}
