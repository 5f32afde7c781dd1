package io.stepwise.functions.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.history.HistoryEventType;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.functions.Moto;
import io.stepwise.functions.store.DynamoDbTables;
import io.stepwise.runtime.VirtualClock;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Branches of one execution answering at once: their answers share the execution's message group, so they are
 * applied one after another and every one of them counts.
 */
class ParallelOverQueuesTest {
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:m";
    private static final String ECHO = "arn:aws:lambda:us-east-1:123456789012:function:echo";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void tenBranchesAnsweringTogetherAllCount() throws InterruptedException {
        String branches = IntStream.range(0, 10).mapToObj(i -> """
                {"StartAt":"T%d","States":{"T%d":{"Type":"Task","Resource":"%s","Parameters":{"n":%d},"End":true}}}"""
                .formatted(i, i, ECHO, i)).collect(Collectors.joining(","));
        String definition = """
                {"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[%s],"End":true}}}""".formatted(branches);
        DynamoDbClient dynamo = Moto.dynamo();
        SqsClient sqs = Moto.sqs();
        String prefix = Moto.uniquePrefix();
        DynamoDbTables tables = new DynamoDbTables(prefix);
        tables.create(dynamo);
        ExecutionStart start = new ExecutionStart(MACHINE.replace(":stateMachine:", ":execution:") + ":p", "p",
                MACHINE, "m", "arn:aws:iam::123456789012:role/r", "us-east-1", "{}", T0, 3);

        try (AwsRuntimeUnderTest runtime = new AwsRuntimeUnderTest(dynamo, sqs, tables,
                SqsQueues.create(sqs, prefix, 30), resource -> resource.equals(ECHO)
                        ? Optional.<Integration>of(request -> new TaskOutcome.Succeeded(request.input()))
                        : Optional.empty(), new VirtualClock(T0))) {
            runtime.runner().start(start, definition);
            runtime.awaitIdle();

            assertThat(runtime.executions().load(start.executionArn()).orElseThrow().status())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(runtime.executions().load(start.executionArn()).orElseThrow().state().output.toString())
                    .isEqualTo("[" + IntStream.range(0, 10).mapToObj(i -> "{\"n\":" + i + "}")
                            .collect(Collectors.joining(",")) + "]");
            assertThat(runtime.executions().history(start.executionArn())).extracting(HistoryEvent::type)
                    .filteredOn(HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED::equals).hasSize(10);
        }
    }
}
