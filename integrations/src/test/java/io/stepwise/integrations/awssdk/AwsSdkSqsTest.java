package io.stepwise.integrations.awssdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.integrations.IntegrationContract;
import io.stepwise.integrations.Moto;
import io.stepwise.integrations.aws.AwsService;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code aws-sdk:sqs:sendMessage}: unlike the optimized {@code sqs:sendMessage} (every error
 * {@code SQS.AmazonSQSException}, a JSON body sent as its text), the SDK integration names each modeled error
 * ({@code Sqs.QueueDoesNotExistException}) and takes {@code MessageBody} as a string only.
 */
class AwsSdkSqsTest extends IntegrationContract {
    private SqsClient sqs;
    private String queueUrl;

    @BeforeEach
    void createQueue() {
        sqs = Moto.client(clients, AwsService.SQS);
        queueUrl = sqs.createQueue(b -> b.queueName("sdk-" + UUID.randomUUID())).queueUrl();
    }

    @Override
    protected String resource() {
        return "arn:aws:states:::aws-sdk:sqs:sendMessage";
    }

    @Override
    protected ObjectNode validParameters() {
        return json("{\"MessageBody\": \"order 7\", \"DelaySeconds\": 0}").put("QueueUrl", queueUrl);
    }

    @Override
    protected ObjectNode refusedParameters() {
        return json("{\"MessageBody\": \"x\"}").put("QueueUrl", queueUrl.replaceAll("/sdk-[^/]+$", "/missing"));
    }

    @Override
    protected String refusedError() {
        return "Sqs.QueueDoesNotExistException";
    }

    @Override
    protected String typedMember() {
        return "MessageBody";
    }

    @Override
    protected void assertCalled(JsonNode output) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
        assertThat(messages).extracting(Message::body).containsExactly("order 7");
        assertThat(output.path("MessageId").asText()).isEqualTo(messages.get(0).messageId());
        assertThat(output.has("SdkHttpMetadata")).isFalse();
    }
}
