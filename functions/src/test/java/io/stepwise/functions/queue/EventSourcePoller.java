package io.stepwise.functions.queue;

import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Polls a queue as Lambda's SQS event source mapping does: batches of up to ten, handed to {@link Batches} like a
 * handler returning an {@code SQSBatchResponse}; the messages it reports failed stay on the queue for another
 * receive after their visibility timeout, the rest are deleted.
 */
final class EventSourcePoller implements AutoCloseable {
    private final SqsClient sqs;
    private final String queueUrl;
    private final Consumer<String> handler;
    private final Thread thread;
    private volatile boolean running = true;

    EventSourcePoller(SqsClient sqs, String queueUrl, Consumer<String> handler) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.handler = handler;
        this.thread = new Thread(this::loop, "poller " + queueUrl.substring(queueUrl.lastIndexOf('/') + 1));
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                        .messages();
                if (messages.isEmpty()) {
                    continue;
                }
                List<QueueMessage> batch = messages.stream().map(m -> new QueueMessage(m.messageId(),
                        m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID), m.body())).toList();
                List<String> failed = Batches.process(batch, handler);
                List<DeleteMessageBatchRequestEntry> done = messages.stream()
                        .filter(m -> !failed.contains(m.messageId()))
                        .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId())
                                .receiptHandle(m.receiptHandle()).build())
                        .toList();
                if (!done.isEmpty()) {
                    sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
                }
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("poller of " + queueUrl + ": " + e);
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
