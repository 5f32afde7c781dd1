package io.stepwise.integrations.sns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.integrations.IntegrationContract;
import io.stepwise.integrations.Moto;
import io.stepwise.integrations.Subscriber;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.query.Json;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class SnsPublishTest extends IntegrationContract {
    private String topicArn;
    private Subscriber subscriber;

    @BeforeEach
    void createTopicWithSubscriber() {
        SnsClient sns = Moto.client(clients, AwsService.SNS);
        topicArn = sns.createTopic(b -> b.name("topic-" + UUID.randomUUID())).topicArn();
        subscriber = new Subscriber(Moto.client(clients, AwsService.SQS));
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(subscriber.queueArn));
    }

    @Override
    protected String resource() {
        return "arn:aws:states:::sns:publish";
    }

    @Override
    protected ObjectNode validParameters() {
        return json("{\"Message\": {\"greeting\": \"hello\"}, \"Subject\": \"hi\"}").put("TopicArn", topicArn);
    }

    @Override
    protected ObjectNode refusedParameters() {
        return json("{\"Message\": \"x\"}").put("TopicArn", topicArn + "-missing");
    }

    @Override
    protected String refusedError() {
        return "SNS.NotFoundException";
    }

    @Override
    protected String typedMember() {
        return "Subject";
    }

    @Override
    protected void assertCalled(JsonNode output) {
        List<Message> delivered = subscriber.receive(1);
        assertThat(delivered).hasSize(1);
        JsonNode envelope = Json.parse(delivered.get(0).body());
        assertThat(Json.parse(envelope.path("Message").asText())).isEqualTo(Json.parse("{\"greeting\": \"hello\"}"));
        assertThat(envelope.path("Subject").asText()).isEqualTo("hi");
        assertThat(output.path("MessageId").asText()).isEqualTo(envelope.path("MessageId").asText());
        assertThat(output.path("SdkHttpMetadata").path("HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(output.has("SdkResponseMetadata")).isTrue();
    }
}
