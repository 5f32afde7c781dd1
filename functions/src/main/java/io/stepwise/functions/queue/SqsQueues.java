package io.stepwise.functions.queue;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The queues of Stepwise on AWS, each with a dead-letter queue that keeps a message after
 * {@value #MAX_RECEIVE_COUNT} failed receives; {@link #create} makes them (tests) and the CDK stack declares the same:
 * <ul>
 *   <li>{@code <prefix>transitions.fifo}: FIFO, message group = execution ARN, deduplication ids set by the sender
 *       (no content-based deduplication); DLQ {@code <prefix>transitions-dlq.fifo}.</li>
 *   <li>{@code <prefix>tasks}: standard; DLQ {@code <prefix>tasks-dlq}.</li>
 *   <li>{@code <prefix>timers}: standard (per-message {@code DelaySeconds}); DLQ {@code <prefix>timers-dlq}.</li>
 * </ul>
 * Dead-letter queues keep messages 14 days, the most SQS allows, and can be redriven to their source queue. Every
 * queue takes messages of up to 1 MiB, SQS's largest: a task's answer or input carries a payload of up to AWS's
 * 256 KiB, and its JSON escaping and envelope must fit too.
 *
 * @param transitions the transition queue's URL
 */
public record SqsQueues(String transitions, String tasks, String timers) {
    static final int MAX_RECEIVE_COUNT = 5;
    static final String MAX_MESSAGE_BYTES = Integer.toString(1024 * 1024);
    private static final String FOURTEEN_DAYS = Integer.toString(14 * 24 * 3600);

    /** Creates the queues and their dead-letter queues if missing; returns their URLs. */
    public static SqsQueues create(SqsClient sqs, String prefix, int visibilityTimeoutSeconds) {
        return new SqsQueues(
                createWithDeadLetters(sqs, prefix + "transitions", true, visibilityTimeoutSeconds),
                createWithDeadLetters(sqs, prefix + "tasks", false, visibilityTimeoutSeconds),
                createWithDeadLetters(sqs, prefix + "timers", false, visibilityTimeoutSeconds));
    }

    private static String createWithDeadLetters(SqsClient sqs, String name, boolean fifo, int visibility) {
        String suffix = fifo ? ".fifo" : "";
        String dlqUrl = sqs.createQueue(b -> b.queueName(name + "-dlq" + suffix).attributes(attributes(fifo, Map.of(
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, FOURTEEN_DAYS)))).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT
                + "\"}";
        return sqs.createQueue(b -> b.queueName(name + suffix).attributes(attributes(fifo, Map.of(
                QueueAttributeName.REDRIVE_POLICY, redrive,
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibility))))).queueUrl();
    }

    private static Map<QueueAttributeName, String> attributes(boolean fifo, Map<QueueAttributeName, String> more) {
        Map<QueueAttributeName, String> attributes = new java.util.HashMap<>(more);
        attributes.put(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, MAX_MESSAGE_BYTES);
        if (fifo) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        return attributes;
    }

    /** The URL of a queue's dead-letter queue, by the naming above. */
    public static String deadLetterUrl(String queueUrl) {
        return queueUrl.endsWith(".fifo") ? queueUrl.replace(".fifo", "-dlq.fifo") : queueUrl + "-dlq";
    }
}
