package io.stepwise.functions.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.engine.Command;
import io.stepwise.functions.FakeLambda;
import io.stepwise.functions.Moto;
import io.stepwise.query.Json;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@link LambdaTaskDispatcher} through the real SDK client against a {@link FakeLambda} endpoint, its fallback the
 * task queue on moto.
 */
class LambdaTaskDispatcherTest {
    private static final String WORKER = "arn:aws:lambda:us-east-1:123456789012:function:stepwise-task-worker:live";
    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:m:e";

    private final FakeLambda fake = new FakeLambda();
    private final LambdaClient lambda = fake.client(LambdaClient.builder()
            .overrideConfiguration(o -> o.retryStrategy(LambdaTaskDispatcher.retryStrategy())));
    private SqsClient sqs;
    private String taskQueue;

    @BeforeEach
    void setUp() {
        sqs = Moto.sqs();
        taskQueue = SqsQueues.create(sqs, Moto.uniquePrefix(), 30).tasks();
    }

    @AfterEach
    void tearDown() {
        lambda.close();
        fake.close();
    }

    private LambdaTaskDispatcher dispatcher(int payloadLimit) {
        return new LambdaTaskDispatcher(lambda, WORKER, new SqsTaskDispatcher(sqs, taskQueue), payloadLimit);
    }

    private static Command.InvokeTask task(String input) {
        return new Command.InvokeTask("root:3", "Charge", "arn:aws:states:::lambda:invoke",
                Json.MAPPER.createObjectNode().put("order", input), null, 30, null, null,
                "arn:aws:iam::123456789012:role/machine");
    }

    private List<String> queued() {
        return sqs.receiveMessage(b -> b.queueUrl(taskQueue).maxNumberOfMessages(10).waitTimeSeconds(0)).messages()
                .stream().map(Message::body).toList();
    }

    @Test
    void invokesTheWorkerAsynchronouslyWithAnSqsEventOfTheQueuesMessage() {
        Command.InvokeTask task = task("o-1");

        dispatcher(LambdaTaskDispatcher.ASYNC_PAYLOAD_LIMIT).dispatch(EXECUTION, task);

        List<FakeLambda.Invocation> invocations = fake.take();
        assertThat(invocations).hasSize(1);
        assertThat(invocations.get(0).functionName()).isEqualTo(WORKER);
        JsonNode payload = Json.parse(invocations.get(0).payload());
        assertThat(payload.get("Records")).hasSize(1);
        SQSEvent event = FakeLambda.event(invocations.get(0));
        assertThat(event.getRecords()).singleElement().satisfies(record -> {
            assertThat(record.getEventSource()).isEqualTo(LambdaTaskDispatcher.EVENT_SOURCE);
            assertThat(record.getMessageId()).isNotBlank();
            assertThat(record.getBody()).isEqualTo(Messages.task(EXECUTION, task));
        });
        assertThat(Messages.task(event.getRecords().get(0).getBody())).isEqualTo(task);
        assertThat(queued()).isEmpty();
    }

    @Test
    void aPayloadOverTheAsynchronousLimitGoesToTheTaskQueue() {
        Command.InvokeTask small = task("o-1");
        Command.InvokeTask large = task("o-2".repeat(200));
        LambdaTaskDispatcher dispatcher = dispatcher(LambdaTaskDispatcher.event(Messages.task(EXECUTION, small))
                .length() + 100);

        dispatcher.dispatch(EXECUTION, small);
        dispatcher.dispatch(EXECUTION, large);

        assertThat(fake.take()).extracting(invocation -> Messages.task(FakeLambda.event(invocation).getRecords()
                .get(0).getBody())).containsExactly(small);
        assertThat(queued()).containsExactly(Messages.task(EXECUTION, large));
    }

    @Test
    void aThrottledInvocationGoesToTheTaskQueue() {
        fake.failWith(429);

        dispatcher(LambdaTaskDispatcher.ASYNC_PAYLOAD_LIMIT).dispatch(EXECUTION, task("o-1"));

        assertThat(fake.requests()).as("tried once more, then the queue").isEqualTo(2);
        assertThat(fake.take()).isEmpty();
        assertThat(queued()).containsExactly(Messages.task(EXECUTION, task("o-1")));
    }

    @Test
    void aServiceErrorGoesToTheTaskQueueAndTheNextTaskIsInvokedAgain() {
        LambdaTaskDispatcher dispatcher = dispatcher(LambdaTaskDispatcher.ASYNC_PAYLOAD_LIMIT);
        fake.failWith(500);

        dispatcher.dispatch(EXECUTION, task("o-1"));
        fake.failWith(0);
        dispatcher.dispatch(EXECUTION, task("o-2"));

        assertThat(queued()).containsExactly(Messages.task(EXECUTION, task("o-1")));
        assertThat(fake.take()).hasSize(1);
    }
}
