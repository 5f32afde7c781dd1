package io.stepwise.integrations.awssdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.integrations.IntegrationContract;
import io.stepwise.integrations.Moto;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.query.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code aws-sdk:dynamodb}: errors carry the SDK client's service name ({@code DynamoDb.}, not the optimized
 * integration's {@code DynamoDB.}) and the output has no HTTP metadata.
 */
class AwsSdkDynamoDbTest extends IntegrationContract {
    private String table;

    @BeforeEach
    void createTable() {
        DynamoDbClient dynamodb = Moto.client(clients, AwsService.DYNAMODB);
        table = Moto.createTable(dynamodb, "pk");
    }

    @Override
    protected String resource() {
        return "arn:aws:states:::aws-sdk:dynamodb:putItem";
    }

    @Override
    protected ObjectNode validParameters() {
        return json("{\"Item\": {\"pk\": {\"S\": \"a\"}, \"tags\": {\"SS\": [\"x\", \"y\"]}}}").put("TableName", table);
    }

    @Override
    protected ObjectNode refusedParameters() {
        return json("{\"Item\": {\"pk\": {\"S\": \"never-written\"}}, \"ConditionExpression\": \"attribute_exists(pk)\"}")
                .put("TableName", table);
    }

    @Override
    protected String refusedError() {
        return "DynamoDb.ConditionalCheckFailedException";
    }

    @Override
    protected String typedMember() {
        return "ReturnValues";
    }

    @Override
    protected void assertCalled(JsonNode output) {
        TaskOutcome scan = invoke("arn:aws:states:::aws-sdk:dynamodb:scan", json("{}").put("TableName", table));
        JsonNode scanned = ((TaskOutcome.Succeeded) scan).output();
        assertThat(scanned.path("Count").asInt()).isEqualTo(1);
        assertThat(scanned.path("Items").get(0).path("tags").path("SS")).containsExactlyInAnyOrder(
                Json.MAPPER.getNodeFactory().textNode("x"), Json.MAPPER.getNodeFactory().textNode("y"));
        assertThat(output.has("SdkHttpMetadata")).isFalse();
    }

    @Test
    void queryTakesKeyConditionsAndNumbers() {
        invoke(resource(), validParameters());
        TaskOutcome outcome = invoke("arn:aws:states:::aws-sdk:dynamodb:query", json("""
                {"KeyConditionExpression": "pk = :pk", "ExpressionAttributeValues": {":pk": {"S": "a"}},
                 "Limit": 5, "ConsistentRead": true}""").put("TableName", table));
        assertThat(((TaskOutcome.Succeeded) outcome).output().path("Items")).hasSize(1);
    }
}
