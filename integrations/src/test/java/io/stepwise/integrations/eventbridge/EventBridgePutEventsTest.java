package io.stepwise.integrations.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.integrations.IntegrationContract;
import io.stepwise.integrations.Moto;
import io.stepwise.integrations.Subscriber;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.query.Json;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.model.Message;

class EventBridgePutEventsTest extends IntegrationContract {
    private String source;
    private Subscriber subscriber;

    @BeforeEach
    void routeEventsToAQueue() {
        EventBridgeClient events = Moto.client(clients, AwsService.EVENTBRIDGE);
        subscriber = new Subscriber(Moto.client(clients, AwsService.SQS));
        source = "stepwise.test." + UUID.randomUUID();
        String rule = "rule-" + UUID.randomUUID();
        events.putRule(b -> b.name(rule).eventPattern("{\"source\": [\"" + source + "\"]}"));
        events.putTargets(b -> b.rule(rule).targets(t -> t.id("queue").arn(subscriber.queueArn)));
    }

    @Override
    protected String resource() {
        return "arn:aws:states:::events:putEvents";
    }

    @Override
    protected ObjectNode validParameters() {
        ObjectNode parameters = json("{}");
        parameters.putArray("Entries").addObject()
                .put("Source", source)
                .put("DetailType", "OrderPlaced")
                .set("Detail", Json.parse("{\"order\": 7}"));
        return parameters;
    }

    @Override
    protected ObjectNode refusedParameters() {
        ObjectNode parameters = validParameters();
        ((ObjectNode) parameters.get("Entries").get(0)).put("EventBusName", "no-such-bus");
        return parameters;
    }

    @Override
    protected String refusedError() {
        return "EventBridge.ResourceNotFoundException";
    }

    @Override
    protected String typedMember() {
        return "EndpointId";
    }

    @Override
    protected void assertCalled(JsonNode output) {
        List<Message> delivered = subscriber.receive(1);
        assertThat(delivered).hasSize(1);
        JsonNode event = Json.parse(delivered.get(0).body());
        assertThat(event.path("source").asText()).isEqualTo(source);
        assertThat(event.path("detail-type").asText()).isEqualTo("OrderPlaced");
        assertThat(event.path("detail")).isEqualTo(Json.parse("{\"order\": 7}"));
        assertThat(event.path("resources")).containsExactly(
                Json.MAPPER.getNodeFactory().textNode(EXECUTION_ARN),
                Json.MAPPER.getNodeFactory().textNode("arn:aws:states:us-east-1:123456789012:stateMachine:machine"));
        assertThat(output.path("FailedEntryCount").asInt()).isZero();
        assertThat(output.path("Entries").get(0).path("EventId").asText()).isEqualTo(event.path("id").asText());
        assertThat(output.has("SdkHttpMetadata")).isFalse();
    }

    @Test
    void aResponseWithFailedEntriesFailsTheTask() {
        ObjectNode parameters = validParameters();
        ((ObjectNode) parameters.get("Entries").get(0)).remove("DetailType");
        TaskOutcome outcome = invoke(resource(), parameters);
        assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class, failed -> {
            assertThat(failed.error()).isEqualTo(EventBridgeIntegrations.FAILED_ENTRY);
            assertThat(Json.parse(failed.cause()).path("FailedEntryCount").asInt()).isEqualTo(1);
        });
    }

    @Test
    void namesTheStateMachineOfAnExecution() {
        assertThat(EventBridgeIntegrations.stateMachineArn(EXECUTION_ARN))
                .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:machine");
    }
}
