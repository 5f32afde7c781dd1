package io.stepwise.integrations.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.integrations.IntegrationContract;
import io.stepwise.integrations.Moto;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.query.Json;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The contract runs on putItem; getItem, updateItem and deleteItem are checked by what they do to the table. */
class DynamoDbItemTest extends IntegrationContract {
    private DynamoDbClient dynamodb;
    private String table;

    @BeforeEach
    void createTable() {
        dynamodb = Moto.client(clients, AwsService.DYNAMODB);
        table = Moto.createTable(dynamodb, "id");
    }

    @Override
    protected String resource() {
        return "arn:aws:states:::dynamodb:putItem";
    }

    @Override
    protected ObjectNode validParameters() {
        return json("{\"Item\": {\"id\": {\"S\": \"id1\"}, \"data\": {\"S\": \"text\"}, \"n\": {\"N\": \"3\"}}}")
                .put("TableName", table);
    }

    @Override
    protected ObjectNode refusedParameters() {
        return json("{\"Item\": {\"id\": {\"S\": \"id1\"}}, \"TableName\": \"no-such-table\"}");
    }

    @Override
    protected String refusedError() {
        return "DynamoDB.ResourceNotFoundException";
    }

    @Override
    protected String typedMember() {
        return "ConditionExpression";
    }

    @Override
    protected boolean supportsCallback() {
        return false;
    }

    @Override
    protected void assertCalled(JsonNode output) {
        Map<String, AttributeValue> item = dynamodb.getItem(b -> b.tableName(table)
                .key(Map.of("id", AttributeValue.fromS("id1")))).item();
        assertThat(item).containsEntry("data", AttributeValue.fromS("text")).containsEntry("n", AttributeValue.fromN("3"));
        assertThat(output.path("SdkHttpMetadata").path("HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(output.path("SdkResponseMetadata").has("RequestId")).isTrue();
        assertThat(output.has("Attributes")).isFalse();
    }

    @Test
    void getItemAnswersTheItemInDynamoDbJson() {
        invoke(resource(), validParameters());
        TaskOutcome outcome = invoke("arn:aws:states:::dynamodb:getItem",
                json("{\"Key\": {\"id\": {\"S\": \"id1\"}}}").put("TableName", table));
        JsonNode output = ((TaskOutcome.Succeeded) outcome).output();
        assertThat(output.get("Item"))
                .isEqualTo(Json.parse("{\"id\": {\"S\": \"id1\"}, \"data\": {\"S\": \"text\"}, \"n\": {\"N\": \"3\"}}"));
        assertThat(output.has("SdkHttpMetadata")).isTrue();
    }

    @Test
    void updateItemChangesTheItemAndAnswersTheReturnValues() {
        invoke(resource(), validParameters());
        TaskOutcome outcome = invoke("arn:aws:states:::dynamodb:updateItem", json("""
                {"Key": {"id": {"S": "id1"}}, "UpdateExpression": "SET n = n + :one",
                 "ExpressionAttributeValues": {":one": {"N": "1"}}, "ReturnValues": "UPDATED_NEW"}""")
                .put("TableName", table));
        assertThat(((TaskOutcome.Succeeded) outcome).output().get("Attributes"))
                .isEqualTo(Json.parse("{\"n\": {\"N\": \"4\"}}"));
        assertThat(dynamodb.getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS("id1"))))
                .item().get("n")).isEqualTo(AttributeValue.fromN("4"));
    }

    @Test
    void deleteItemRemovesTheItem() {
        invoke(resource(), validParameters());
        TaskOutcome outcome = invoke("arn:aws:states:::dynamodb:deleteItem",
                json("{\"Key\": {\"id\": {\"S\": \"id1\"}}}").put("TableName", table));
        assertThat(outcome).isInstanceOf(TaskOutcome.Succeeded.class);
        assertThat(dynamodb.getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS("id1"))))
                .hasItem()).isFalse();
    }

    @Test
    void aFailedConditionIsConditionalCheckFailedException() {
        invoke(resource(), validParameters());
        TaskOutcome outcome = invoke(resource(),
                validParameters().put("ConditionExpression", "attribute_not_exists(id)"));
        assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class,
                failed -> assertThat(failed.error()).isEqualTo("DynamoDB.ConditionalCheckFailedException"));
    }

    @Test
    void servesOnlyTheFourOptimizedActions() {
        assertThat(integrations.find("arn:aws:states:::dynamodb:query")).isEmpty();
    }
}
