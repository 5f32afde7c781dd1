package io.stepwise.functions.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.Timer;
import io.stepwise.engine.port.TimerStore;
import io.stepwise.functions.Moto;
import io.stepwise.functions.store.DynamoDbTables;
import io.stepwise.functions.store.DynamoDbTimerStore;
import io.stepwise.query.Json;
import io.stepwise.runtime.Delivery;
import io.stepwise.runtime.VirtualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The queues' own promises on moto: deduplication, delays past SQS's 900 seconds, dead letters. */
class SqsQueuesTest {
    private static final String ARN = "arn:aws:states:us-east-1:123456789012:execution:m:e";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private SqsClient sqs;
    private SqsQueues queues;
    private TimerStore timers;

    @BeforeEach
    void setUp() {
        sqs = Moto.sqs();
        String prefix = Moto.uniquePrefix();
        queues = SqsQueues.create(sqs, prefix, 1);
        DynamoDbTables tables = new DynamoDbTables(prefix);
        tables.create(Moto.dynamo());
        timers = new DynamoDbTimerStore(Moto.dynamo(), tables);
    }

    private List<Message> receive(String queueUrl) {
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
            all.addAll(batch);
        } while (!batch.isEmpty());
        return all;
    }

    private int delayed(String queueUrl) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    @Test
    void anAnswerSentTwiceIsQueuedOnceAndHeartbeatsEachTime() {
        SqsTransitionQueue transitions = new SqsTransitionQueue(sqs, queues.transitions());
        Delivery answer = Delivery.of(ARN, new Trigger.TaskSucceeded("r", Json.parse("{}")));
        Delivery heartbeat = Delivery.of(ARN, new Trigger.TaskHeartbeat("r"));
        transitions.enqueue(answer);
        transitions.enqueue(answer);
        transitions.enqueue(heartbeat);
        transitions.enqueue(heartbeat);

        List<Message> received = new ArrayList<>();
        for (int i = 0; i < 10 && received.size() < 3; i++) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queues.transitions()).maxNumberOfMessages(10))
                    .messages();
            received.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queues.transitions())
                    .receiptHandle(m.receiptHandle())));
        }
        assertThat(received).extracting(m -> Messages.delivery(m.body()))
                .containsExactly(answer, heartbeat, heartbeat);
    }

    @Test
    void anAnswerCarryingAFullPayloadFitsInAMessage() {
        SqsTransitionQueue transitions = new SqsTransitionQueue(sqs, queues.transitions());
        String quotes = "\\\"".repeat(256 * 1024 / 2);
        Delivery answer = Delivery.of(ARN, new Trigger.TaskSucceeded("r", Json.parse("\"" + quotes + "\"")));

        transitions.enqueue(answer);

        assertThat(receive(queues.transitions())).extracting(m -> Messages.delivery(m.body()))
                .containsExactly(answer);
    }

    @Test
    void aTimerFurtherThanSqsCanDelayIsRelayedUntilDue() {
        VirtualClock clock = new VirtualClock(T0);
        SqsTimerService service = new SqsTimerService(sqs, queues.timers(), timers, clock);
        SqsTransitionQueue transitions = new SqsTransitionQueue(sqs, queues.transitions());
        TimerRelay relay = new TimerRelay(service, transitions, clock);
        Timer inAnHour = new Timer(ARN, "w", T0.plusSeconds(3_600));

        service.schedule(List.of(inAnHour));
        assertThat(delayed(queues.timers())).as("delayed by SQS's 900 seconds").isEqualTo(1);

        clock.advanceTo(T0.plusSeconds(900));
        relay.relay(Messages.timer(inAnHour));
        assertThat(delayed(queues.timers())).as("sent again for what remains").isEqualTo(2);
        assertThat(receive(queues.transitions())).isEmpty();

        clock.advanceTo(T0.plusSeconds(3_600));
        relay.relay(Messages.timer(inAnHour));
        assertThat(receive(queues.transitions())).extracting(m -> Messages.delivery(m.body()))
                .containsExactly(Delivery.fired(inAnHour));
    }

    @Test
    void aTimerDueWithinASecondIsDelayedNotSentBackAtOnce() {
        VirtualClock clock = new VirtualClock(T0);
        SqsTimerService service = new SqsTimerService(sqs, queues.timers(), timers, clock);

        service.schedule(List.of(new Timer(ARN, "w", T0.plusMillis(400))));

        assertThat(delayed(queues.timers())).as("delayed by a second, not visible before it is due").isEqualTo(1);
    }

    @Test
    void aPoisonMessageEndsInTheDeadLetterQueue() throws InterruptedException {
        sqs.sendMessage(b -> b.queueUrl(queues.tasks()).messageBody("not a task"));
        List<String> tried = new CopyOnWriteArrayList<>();
        String deadLetters = SqsQueues.deadLetterUrl(queues.tasks());
        List<Message> dead = new ArrayList<>();
        try (EventSourcePoller poller = new EventSourcePoller(sqs, queues.tasks(), body -> {
            tried.add(body);
            Messages.task(body);
        })) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (dead.isEmpty() && System.nanoTime() < deadline) {
                dead.addAll(sqs.receiveMessage(b -> b.queueUrl(deadLetters).waitTimeSeconds(1)).messages());
            }
        }
        assertThat(dead).extracting(Message::body).containsExactly("not a task");
        assertThat(tried).hasSize(SqsQueues.MAX_RECEIVE_COUNT);
    }
}
