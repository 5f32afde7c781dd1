package io.stepwise.functions.queue;

import io.stepwise.engine.Trigger;
import io.stepwise.runtime.Delivery;
import io.stepwise.runtime.TransitionQueue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Deliveries on an SQS FIFO queue whose message group is the execution's ARN: SQS hands one group's messages out
 * in order and holds the group back while a batch of it is in flight, so one execution's triggers are applied one
 * at a time (concurrent Parallel branches do not storm its compare-and-set) while other executions go on in
 * parallel. The deduplication id of an answer (task result, timer fire, task started) is the hash of the message,
 * so an answer sent twice within SQS's five-minute window is dropped by SQS itself; one sent later is a no-op in
 * the runner because it names the attempt it answers. Triggers that legitimately repeat with equal content
 * (heartbeats, stops, redrives) get a random id.
 */
public final class SqsTransitionQueue implements TransitionQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    /** @param queueUrl a FIFO queue ({@code .fifo}) */
    public SqsTransitionQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(Delivery delivery) {
        String body = Messages.delivery(delivery);
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).messageGroupId(delivery.executionArn())
                .messageDeduplicationId(deduplicationId(delivery.trigger(), body)));
    }

    static String deduplicationId(Trigger trigger, String body) {
        boolean answer = trigger instanceof Trigger.TaskSucceeded || trigger instanceof Trigger.TaskFailed
                || trigger instanceof Trigger.TimerFired || trigger instanceof Trigger.TaskStarted
                || trigger instanceof Trigger.TaskSubmitted;
        if (!answer) {
            return UUID.randomUUID().toString();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
