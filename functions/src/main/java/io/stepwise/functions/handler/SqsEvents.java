package io.stepwise.functions.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.stepwise.functions.queue.Batches;
import io.stepwise.functions.queue.QueueMessage;
import java.util.List;
import java.util.function.Consumer;

/**
 * An SQS event handled message by message, answered with the failed ones only (the event source mapping must have
 * {@code ReportBatchItemFailures} on): the rest of the batch is deleted, and the failed messages come back after
 * their visibility timeout or end in the dead-letter queue.
 */
final class SqsEvents {
    private SqsEvents() {
    }

    static SQSBatchResponse process(SQSEvent event, Consumer<String> handler) {
        List<QueueMessage> messages = event.getRecords().stream().map(record -> new QueueMessage(
                record.getMessageId(), record.getAttributes() == null ? null
                        : record.getAttributes().get("MessageGroupId"), record.getBody())).toList();
        List<SQSBatchResponse.BatchItemFailure> failures = Batches.process(messages, handler).stream()
                .map(SQSBatchResponse.BatchItemFailure::new).toList();
        return new SQSBatchResponse(failures);
    }
}
