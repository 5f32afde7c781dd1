package io.stepwise.functions;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The event Lambda's SQS event source mapping hands a worker, built from messages the test received itself: id,
 * body and the FIFO message group, which is all the workers read.
 */
public final class SqsEvents {
    private SqsEvents() {
    }

    /** Messages received with {@link MessageSystemAttributeName#MESSAGE_GROUP_ID} asked for. */
    public static SQSEvent of(List<Message> received) {
        return ofRecords(received.stream().map(message -> record(message.messageId(), message.body(),
                message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))).toList());
    }

    public static SQSEvent ofRecords(List<SQSEvent.SQSMessage> records) {
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    /** @param group the FIFO message group, {@code null} for a standard queue's message */
    public static SQSEvent.SQSMessage record(String id, String body, String group) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(id);
        record.setBody(body);
        record.setAttributes(group == null ? Map.of() : Map.of("MessageGroupId", group));
        return record;
    }
}
