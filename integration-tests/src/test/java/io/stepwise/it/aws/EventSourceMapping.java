package io.stepwise.it.aws;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One of Lambda's SQS event source mappings: receives up to {@code batchSize} messages, hands them to the function as
 * the {@link SQSEvent} Lambda builds (message id, receipt handle, body, MD5, the system attributes, source ARN and
 * region), and, with {@code ReportBatchItemFailures} on as the stack configures it, deletes every message but the
 * ones the answer names. Those, and a whole batch whose invocation threw, stay on the queue and come back after
 * their visibility timeout, until the queue's redrive policy moves them to its dead-letter queue.
 */
public final class EventSourceMapping {
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final int batchSize;
    private final Function<SQSEvent, SQSBatchResponse> function;
    private int invocations;
    private int messages;

    public EventSourceMapping(SqsClient sqs, String queueUrl, int batchSize,
            Function<SQSEvent, SQSBatchResponse> function) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.batchSize = batchSize;
        this.function = function;
        this.queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** Receives one batch, without waiting, and invokes the function with it; returns how many messages it held. */
    public int pollOnce() {
        return poll(0);
    }

    /** As {@link #pollOnce()}, long-polling up to {@code waitSeconds} for the first message. */
    public int poll(int waitSeconds) {
        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
                .waitTimeSeconds(waitSeconds).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (received.isEmpty()) {
            return 0;
        }
        invoke(received);
        return received.size();
    }

    /**
     * Invokes the function with {@code batch}, as received, and settles the batch as the mapping would; returns the
     * ids of the messages left on the queue. Tests use it to deliver a batch again or in another order.
     */
    public Set<String> invoke(List<Message> batch) {
        SQSEvent event = new SQSEvent();
        event.setRecords(batch.stream().map(this::record).toList());
        Set<String> failed;
        synchronized (this) {
            invocations++;
            messages += batch.size();
        }
        try {
            SQSBatchResponse response = function.apply(event);
            failed = response == null || response.getBatchItemFailures() == null ? Set.of()
                    : response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                            .collect(Collectors.toSet());
        } catch (RuntimeException e) {
            System.err.println("invocation over " + queueUrl + " failed, the batch stays on the queue: " + e);
            return batch.stream().map(Message::messageId).collect(Collectors.toSet());
        }
        List<DeleteMessageBatchRequestEntry> done = batch.stream().filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle())
                        .build())
                .toList();
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
        return failed;
    }

    private SQSEvent.SQSMessage record(Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        Map<String, String> attributes = new HashMap<>();
        message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
        record.setAttributes(attributes);
        record.setMessageAttributes(Map.of());
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        record.setAwsRegion("us-east-1");
        return record;
    }

    public String queueUrl() {
        return queueUrl;
    }

    public synchronized int invocations() {
        return invocations;
    }

    public synchronized int messages() {
        return messages;
    }

    /** Receives one batch without invoking anything: for tests that deliver it themselves. */
    public List<Message> receive(int visibilitySeconds) {
        return new ArrayList<>(sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
                .waitTimeSeconds(1).visibilityTimeout(visibilitySeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages());
    }
}
