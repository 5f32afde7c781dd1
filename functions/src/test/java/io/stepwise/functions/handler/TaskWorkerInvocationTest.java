package io.stepwise.functions.handler;

import static io.stepwise.functions.SqsEvents.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.functions.Environment;
import io.stepwise.functions.FakeLambda;
import io.stepwise.functions.Moto;
import io.stepwise.functions.SqsEvents;
import io.stepwise.functions.observe.ExecutionObserver;
import io.stepwise.functions.queue.LambdaTaskDispatcher;
import io.stepwise.functions.queue.SqsQueues;
import io.stepwise.functions.store.DynamoDbTables;
import io.stepwise.runtime.MapRunIo;
import io.stepwise.runtime.VirtualClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The task worker handed tasks by asynchronous invocation: the runtime configured with a task function dispatches
 * to a {@link FakeLambda}, whose recorded payloads reach the handler as Lambda's Java runtime reads them.
 */
class TaskWorkerInvocationTest {
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:m";
    private static final String ECHO = "arn:aws:lambda:us-east-1:123456789012:function:echo";
    private static final String WORKER = "arn:aws:lambda:us-east-1:123456789012:function:task-worker:live";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String DEFINITION = """
            {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"%1$s","Next":"B"},
             "B":{"Type":"Task","Resource":"%1$s","End":true}}}""".formatted(ECHO);

    private final FakeLambda fake = new FakeLambda();
    private final LambdaClient lambda = fake.client();
    private final AtomicInteger calls = new AtomicInteger();
    private SqsClient sqs;
    private SqsQueues queues;
    private AwsRuntime runtime;

    @BeforeEach
    void setUp() {
        sqs = Moto.sqs();
        String prefix = Moto.uniquePrefix();
        queues = SqsQueues.create(sqs, prefix, 30);
        new DynamoDbTables(prefix).create(Moto.dynamo());
        AwsConfig config = new AwsConfig(prefix, queues.transitions(), queues.tasks(), queues.timers(), "us-east-1",
                Moto.endpoint(), null, WORKER);
        runtime = new AwsRuntime(config, Moto.dynamo(), sqs, lambda, null, null, resource -> resource.equals(ECHO)
                ? Optional.<Integration>of(request -> {
                    calls.incrementAndGet();
                    return new TaskOutcome.Succeeded(request.input());
                })
                : Optional.empty(), MapRunIo.NONE, new VirtualClock(T0), ExecutionObserver.NONE);
    }

    @AfterEach
    void tearDown() {
        lambda.close();
        fake.close();
    }

    @Test
    void tasksHandedOverByInvocationRunToTheEndWithoutTheTaskQueue() {
        ExecutionStart start = new ExecutionStart(MACHINE.replace(":stateMachine:", ":execution:") + ":e", "e",
                MACHINE, "m", "arn:aws:iam::123456789012:role/r", "us-east-1", "{\"v\":1}", T0, 7);
        runtime.runner().start(start, DEFINITION);
        TaskWorker worker = new TaskWorker(runtime);

        // Without a context nothing is chained: each task's commit invokes the worker again.
        for (List<FakeLambda.Invocation> invoked = fake.take(); !invoked.isEmpty(); invoked = fake.take()) {
            for (FakeLambda.Invocation invocation : invoked) {
                assertThat(invocation.functionName()).isEqualTo(WORKER);
                assertThat(worker.handleRequest(FakeLambda.event(invocation), null).getBatchItemFailures())
                        .isEmpty();
            }
        }

        assertThat(calls).hasValue(2);
        assertThat(runtime.executions().load(start.executionArn()).orElseThrow().status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queues.tasks()).waitTimeSeconds(0)).messages()).isEmpty();
    }

    /**
     * The composition the deployed functions build: with {@code STEPWISE_TASK_FUNCTION} set it invokes that function
     * (on the emulator's endpoint, where no such function exists, so the Invoke fails) and the task still reaches
     * the task queue.
     */
    @Test
    void fromTheEnvironmentATaskWhoseInvokeFailsGoesToTheTaskQueue() {
        // The SDK's default credentials chain of a function built from the environment reads these first.
        Map<String, String> saved = new java.util.HashMap<>();
        for (String property : List.of("aws.accessKeyId", "aws.secretAccessKey")) {
            saved.put(property, System.getProperty(property));
            System.setProperty(property, "testing");
        }
        try {
            fromTheEnvironment();
        } finally {
            saved.forEach((property, value) -> {
                if (value == null) {
                    System.clearProperty(property);
                } else {
                    System.setProperty(property, value);
                }
            });
        }
    }

    private void fromTheEnvironment() {
        String prefix = Moto.uniquePrefix();
        SqsQueues own = SqsQueues.create(sqs, prefix, 30);
        new DynamoDbTables(prefix).create(Moto.dynamo());
        AwsRuntime deployed = AwsRuntime.fromEnvironment(Map.of(Environment.TABLE_PREFIX, prefix,
                Environment.TRANSITION_QUEUE_URL, own.transitions(), Environment.TASK_QUEUE_URL, own.tasks(),
                Environment.TIMER_QUEUE_URL, own.timers(), Environment.TASK_FUNCTION,
                "arn:aws:lambda:us-east-1:123456789012:function:" + prefix + "missing:live",
                Environment.REGION, "us-east-1", Environment.AWS_ENDPOINT, Moto.endpoint().toString()));
        ExecutionStart start = new ExecutionStart(MACHINE.replace(":stateMachine:", ":execution:") + ":env", "env",
                MACHINE, "m", "arn:aws:iam::123456789012:role/r", "us-east-1", "{\"v\":1}", T0, 7);

        deployed.runner().start(start, DEFINITION);

        assertThat(sqs.receiveMessage(b -> b.queueUrl(own.tasks()).waitTimeSeconds(0)).messages())
                .singleElement().satisfies(message -> assertThat(message.body()).contains(start.executionArn()));
    }

    @Test
    void aFailedDirectInvocationFailsWholeSoLambdaRetriesItWhileAQueueRecordIsReportedAsABatchItemFailure() {
        TaskWorker worker = new TaskWorker(runtime);
        String event = "{\"Records\":[{\"messageId\":\"m-1\",\"eventSource\":\"" + LambdaTaskDispatcher.EVENT_SOURCE
                + "\",\"body\":\"garbage\"}]}";
        SQSEvent direct = FakeLambda.event(new FakeLambda.Invocation(WORKER, event));
        assertThat(TaskWorker.direct(direct)).isTrue();

        assertThatThrownBy(() -> worker.handleRequest(direct, null)).isInstanceOf(RuntimeException.class);

        SQSEvent queued = SqsEvents.ofRecords(List.of(record("q-1", "garbage", null)));
        assertThat(TaskWorker.direct(queued)).isFalse();
        assertThat(worker.handleRequest(queued, null).getBatchItemFailures())
                .extracting(failure -> failure.getItemIdentifier()).containsExactly("q-1");
    }
}
