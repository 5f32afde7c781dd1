package io.stepwise.integrations;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** An SQS queue that receives what SNS or EventBridge deliver, so a test can see a delivery land. */
public final class Subscriber {
    private final SqsClient sqs;
    public final String queueUrl;
    public final String queueArn;

    public Subscriber(SqsClient sqs) {
        this.sqs = sqs;
        this.queueUrl = sqs.createQueue(b -> b.queueName("subscriber-" + UUID.randomUUID())).queueUrl();
        this.queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** The messages that arrived within a few seconds, waiting until at least {@code count} did. */
    public List<Message> receive(int count) {
        List<Message> received = new ArrayList<>();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (received.size() < count && System.nanoTime() < deadline) {
            received.addAll(sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages());
        }
        return received;
    }
}
