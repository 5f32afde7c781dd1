package io.stepwise.integrations.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.integrations.IntegrationContract;
import io.stepwise.integrations.Moto;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.query.Json;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class SqsSendMessageTest extends IntegrationContract {
    private SqsClient sqs;
    private String queueUrl;

    @BeforeEach
    void createQueue() {
        sqs = Moto.client(clients, AwsService.SQS);
        queueUrl = sqs.createQueue(b -> b.queueName("q-" + UUID.randomUUID())).queueUrl();
    }

    @Override
    protected String resource() {
        return "arn:aws:states:::sqs:sendMessage";
    }

    @Override
    protected ObjectNode validParameters() {
        ObjectNode parameters = json("{\"MessageBody\": {\"order\": 7, \"items\": [\"a\"]}}");
        parameters.put("QueueUrl", queueUrl);
        parameters.set("MessageAttributes",
                Json.parse("{\"kind\": {\"DataType\": \"String\", \"StringValue\": \"order\"}}"));
        return parameters;
    }

    @Override
    protected ObjectNode refusedParameters() {
        return json("{\"MessageBody\": \"x\"}").put("QueueUrl", queueUrl.replaceAll("/q-[^/]+$", "/missing"));
    }

    @Override
    protected String refusedError() {
        return "SQS.AmazonSQSException";
    }

    @Override
    protected String typedMember() {
        return "DelaySeconds";
    }

    @Override
    protected void assertCalled(JsonNode output) {
        List<Message> messages = receive();
        assertThat(messages).hasSize(1);
        assertThat(Json.parse(messages.get(0).body())).isEqualTo(Json.parse("{\"order\": 7, \"items\": [\"a\"]}"));
        assertThat(messages.get(0).messageAttributes().get("kind").stringValue()).isEqualTo("order");
        assertThat(output.path("MessageId").asText()).isEqualTo(messages.get(0).messageId());
        assertThat(output.path("MD5OfMessageBody").asText()).isEqualTo(messages.get(0).md5OfBody());
        assertThat(output.path("SdkHttpMetadata").path("HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(output.path("SdkResponseMetadata").has("RequestId")).isTrue();
    }

    @Test
    void sendsATextBodyAsItIs() {
        ObjectNode parameters = json("{\"MessageBody\": \"plain text\"}").put("QueueUrl", queueUrl);
        invoke(resource(), parameters);
        assertThat(receive()).extracting(Message::body).containsExactly("plain text");
    }

    @Test
    void callsAsTheTasksRoleAssumedThroughSts() {
        ObjectNode parameters = json("{\"MessageBody\": \"as role\"}").put("QueueUrl", queueUrl);
        String resource = resource();
        TaskOutcome outcome = integrations.find(resource).orElseThrow().invoke(new TaskRequest(EXECUTION_ARN, "State",
                resource, parameters, null, null, null,
                json("{\"RoleArn\": \"arn:aws:iam::123456789012:role/sender\"}")));
        assertThat(outcome).isInstanceOf(TaskOutcome.Succeeded.class);
        assertThat(receive()).extracting(Message::body).containsExactly("as role");
    }

    private List<Message> receive() {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).messageAttributeNames("All"))
                .messages();
    }
}
