package io.stepwise.functions.handler;

import static io.stepwise.functions.SqsEvents.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.history.HistoryEventType;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.functions.Moto;
import io.stepwise.functions.SqsEvents;
import io.stepwise.functions.queue.SqsQueues;
import io.stepwise.functions.queue.Messages;
import io.stepwise.functions.store.DynamoDbTables;
import io.stepwise.functions.store.DynamoDbTimerStore;
import io.stepwise.runtime.VirtualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The Lambda handlers fed SQS events built from what the queues on moto hold, as the event source mapping would. */
class WorkersTest {
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:m";
    private static final String ECHO = "arn:aws:lambda:us-east-1:123456789012:function:echo";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String DEFINITION = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","Next":"W"},
             "W":{"Type":"Wait","Seconds":2000,"Next":"P"},"P":{"Type":"Pass","End":true}}}""".formatted(ECHO);

    private final VirtualClock clock = new VirtualClock(T0);
    private SqsClient sqs;
    private SqsQueues queues;
    private DynamoDbTables tables;
    private AwsConfig config;
    private AwsRuntime runtime;

    @BeforeEach
    void setUp() {
        sqs = Moto.sqs();
        String prefix = Moto.uniquePrefix();
        queues = SqsQueues.create(sqs, prefix, 30);
        tables = new DynamoDbTables(prefix);
        tables.create(Moto.dynamo());
        config = new AwsConfig(prefix, queues.transitions(), queues.tasks(), queues.timers(), "us-east-1",
                Moto.endpoint(), null);
        runtime = new AwsRuntime(config, Moto.dynamo(), sqs, null, resource -> resource.equals(ECHO)
                ? Optional.<Integration>of(request -> new TaskOutcome.Succeeded(request.input()))
                : Optional.empty(), clock);
    }

    /** Everything visible on the queue now, as one event, deleted as the mapping deletes a handled batch. */
    private SQSEvent drain(String queueUrl) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
            records.addAll(SqsEvents.of(batch).getRecords());
            for (Message message : batch) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        } while (!batch.isEmpty());
        return SqsEvents.ofRecords(records);
    }

    @Test
    void anExecutionRunsThroughTheWorkersAndALongWaitIsRelayedUntilDue() {
        ExecutionStart start = new ExecutionStart(MACHINE.replace(":stateMachine:", ":execution:") + ":e", "e",
                MACHINE, "m", "arn:aws:iam::123456789012:role/r", "us-east-1", "{\"v\":1}", T0, 7);
        runtime.runner().start(start, DEFINITION);
        TransitionWorker transitions = new TransitionWorker(runtime);
        TaskWorker tasks = new TaskWorker(runtime);
        TimerWorker timers = new TimerWorker(runtime);

        assertThat(tasks.handleRequest(drain(queues.tasks()), null).getBatchItemFailures()).isEmpty();
        assertThat(transitions.handleRequest(drain(queues.transitions()), null).getBatchItemFailures()).isEmpty();
        String timerMessage = sqs.receiveMessage(b -> b.queueUrl(queues.timers()).waitTimeSeconds(0)).messages()
                .stream().findFirst().map(Message::body).orElse(null);
        assertThat(timerMessage).as("delayed by 900 s, not visible yet").isNull();

        clock.advanceTo(T0.plusSeconds(2_000));
        SQSEvent due = SqsEvents.ofRecords(List.of(record("t", Messages.timer(
                new DynamoDbTimerStore(Moto.dynamo(), tables).next().orElseThrow()), null)));
        assertThat(timers.handleRequest(due, null).getBatchItemFailures()).isEmpty();
        assertThat(new SweepWorker(runtime).handleRequest(Map.of(), null)).as("the same fire, deduplicated")
                .isEqualTo("dispatched again 0 task(s), fired 1 due timer(s)");
        assertThat(transitions.handleRequest(drain(queues.transitions()), null).getBatchItemFailures()).isEmpty();

        assertThat(runtime.executions().load(start.executionArn()).orElseThrow().status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(runtime.executions().history(start.executionArn())).extracting(HistoryEvent::type)
                .containsOnlyOnce(HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED, HistoryEventType.WAIT_STATE_EXITED,
                        HistoryEventType.EXECUTION_SUCCEEDED);
    }

    @Test
    void aTaskMessageDeliveredAgainAfterItsAnswerIsCommittedDoesNotCallTheTaskAgain() {
        AtomicInteger calls = new AtomicInteger();
        runtime = new AwsRuntime(config, Moto.dynamo(), sqs, null, resource -> resource.equals(ECHO)
                ? Optional.<Integration>of(request -> {
                    calls.incrementAndGet();
                    return new TaskOutcome.Succeeded(request.input());
                })
                : Optional.empty(), clock);
        ExecutionStart start = new ExecutionStart(MACHINE.replace(":stateMachine:", ":execution:") + ":twice",
                "twice", MACHINE, "m", "arn:aws:iam::123456789012:role/r", "us-east-1", "{\"v\":1}", T0, 7);
        runtime.runner().start(start, DEFINITION);
        SQSEvent task = drain(queues.tasks());
        TaskWorker tasks = new TaskWorker(runtime);

        assertThat(tasks.handleRequest(task, null).getBatchItemFailures()).isEmpty();
        assertThat(tasks.handleRequest(task, null).getBatchItemFailures()).as("the same message again").isEmpty();

        assertThat(calls).hasValue(1);
        assertThat(runtime.executions().history(start.executionArn())).extracting(HistoryEvent::type)
                .containsOnlyOnce(HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED);
    }

    @Test
    void aFailedMessageIsReportedAndHoldsBackTheRestOfItsGroupOnly() {
        String other = "{\"formatVersion\":1,\"executionArn\":\"arn:b\",\"trigger\":{\"type\":\"TimerFired\","
                + "\"ref\":\"w\"}}";
        SQSEvent event = SqsEvents.ofRecords(List.of(
                record("1", "garbage", "arn:a"),
                record("2", other.replace("arn:b", "arn:a"), "arn:a"),
                record("3", other, "arn:b")));

        SQSBatchResponse response = new TransitionWorker(runtime).handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("1", "2");
    }
}
