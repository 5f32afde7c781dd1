package io.stepwise.functions.queue;

/**
 * One received SQS message, as an event source mapping hands it to a Lambda.
 *
 * @param groupId the FIFO message group, or {@code null} on a standard queue
 */
public record QueueMessage(String messageId, String groupId, String body) {
}
