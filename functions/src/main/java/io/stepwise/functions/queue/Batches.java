package io.stepwise.functions.queue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Works through a batch of messages and reports the ones that failed, for an {@code SQSBatchResponse}: those are
 * received again after their visibility timeout and, past the queue's {@code maxReceiveCount}, moved to its
 * dead-letter queue, never lost. On a FIFO queue the messages after a failed one in the same group are failed too
 * without being tried, so one execution's triggers are never applied out of order.
 */
public final class Batches {
    private Batches() {
    }

    /** Returns the ids of the messages to receive again. */
    public static List<String> process(List<QueueMessage> messages, Consumer<String> handler) {
        List<String> failed = new ArrayList<>();
        Set<String> blockedGroups = new HashSet<>();
        for (QueueMessage message : messages) {
            if (message.groupId() != null && blockedGroups.contains(message.groupId())) {
                failed.add(message.messageId());
                continue;
            }
            try {
                handler.accept(message.body());
            } catch (RuntimeException e) {
                System.err.println("stepwise: message " + message.messageId() + " failed, it will be retried: " + e);
                failed.add(message.messageId());
                if (message.groupId() != null) {
                    blockedGroups.add(message.groupId());
                }
            }
        }
        return failed;
    }
}
