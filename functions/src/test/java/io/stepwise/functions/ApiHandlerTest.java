package io.stepwise.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.engine.Command;
import io.stepwise.query.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API function driven with API Gateway REST proxy events (as an {@code AWS_IAM}-signed AWS CLI call delivers
 * them) over the real API service, with in-memory stores and queues in place of DynamoDB and SQS.
 */
class ApiHandlerTest {
    private static final String CALLER = "arn:aws:sts::111122223333:assumed-role/OpsRole/deployer";
    private static final String ROLE = "arn:aws:iam::111122223333:role/StepwiseMachine";
    private static final String PASS = """
            {"StartAt": "Greet", "States": {"Greet": {"Type": "Pass", "Result": {"hello": "world"}, "End": true}}}""";
    private static final String TASK = """
            {"StartAt": "Call", "States": {"Call": {"Type": "Task",
              "Resource": "arn:aws:lambda:eu-west-1:111122223333:function:work", "End": true}}}""";

    private final InMemoryApi api = new InMemoryApi();
    private final List<Command.InvokeTask> dispatched = api.dispatched;
    private final List<ApiCall> audit = new ArrayList<>();
    private final ApiHandler handler = new ApiHandler(api.service, audit::add);

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void standardExecutionStartsCommitsAndHandsItsTaskToTheQueueRecordingTheCaller() {
        String machine = createMachine("orders", TASK, "STANDARD");

        APIGatewayProxyResponseEvent started = call("StartExecution",
                "{\"stateMachineArn\": \"" + machine + "\", \"name\": \"o-1\", \"input\": \"{\\\"id\\\": 7}\"}");

        assertThat(started.getStatusCode()).isEqualTo(200);
        String executionArn = body(started).get("executionArn").asText();
        assertThat(executionArn).isEqualTo("arn:aws:states:eu-west-1:111122223333:execution:orders:o-1");
        assertThat(dispatched).singleElement().satisfies(task -> {
            assertThat(task.resource()).endsWith(":function:work");
            assertThat(task.input()).isEqualTo(Json.parse("{\"id\": 7}"));
        });
        JsonNode described = body(call("DescribeExecution", "{\"executionArn\": \"" + executionArn + "\"}"));
        assertThat(described.get("status").asText()).isEqualTo("RUNNING");
        assertThat(audit).filteredOn(c -> "StartExecution".equals(c.operation())).singleElement()
                .isEqualTo(new ApiCall("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", "StartExecution",
                        new CallerIdentity(CALLER, "AROAEXAMPLEROLEID:deployer", "111122223333"), 200, executionArn, null));
    }

    @Test
    void synchronousExpressExecutionRunsInTheHandlerToItsResult() {
        String machine = createMachine("quick", PASS, "EXPRESS");

        APIGatewayProxyResponseEvent response = call("StartSyncExecution",
                "{\"stateMachineArn\": \"" + machine + "\", \"input\": \"{}\"}");

        JsonNode result = body(response);
        assertThat(result.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(Json.parse(result.get("output").asText())).isEqualTo(Json.parse("{\"hello\": \"world\"}"));
        assertThat(result.get("executionArn").asText()).startsWith("arn:aws:states:eu-west-1:111122223333:express:quick:");
        assertThat(dispatched).isEmpty();
    }

    @Test
    void base64BodyIsDecodedAsApiGatewayDeliversBinaryMedia() {
        APIGatewayProxyRequestEvent event = event("CreateStateMachine");
        event.setBody(Base64.getEncoder().encodeToString(createBody("b64", PASS, "STANDARD")
                .getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).get("stateMachineArn").asText())
                .isEqualTo("arn:aws:states:eu-west-1:111122223333:stateMachine:b64");
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/x-amz-json-1.0")
                .containsEntry("x-amzn-RequestId", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
    }

    @Test
    void errorsAreAwsJsonErrorBodiesWithTheirStatus() {
        APIGatewayProxyResponseEvent missing = call("DescribeStateMachine",
                "{\"stateMachineArn\": \"arn:aws:states:eu-west-1:111122223333:stateMachine:nope\"}");
        assertThat(missing.getStatusCode()).isEqualTo(400);
        assertThat(body(missing).get("__type").asText()).isEqualTo("StateMachineDoesNotExist");

        APIGatewayProxyRequestEvent unknown = event("ListStateMachines");
        unknown.getHeaders().put("X-Amz-Target", "AmazonSQS.SendMessage");
        APIGatewayProxyResponseEvent refused = handler.handleRequest(unknown, null);
        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(body(refused).get("__type").asText()).isEqualTo("UnknownOperationException");

        APIGatewayProxyRequestEvent get = event("ListStateMachines");
        get.setHttpMethod("GET");
        assertThat(handler.handleRequest(get, null).getStatusCode()).isEqualTo(404);

        APIGatewayProxyRequestEvent garbled = event("ListStateMachines");
        garbled.setBody("{not json");
        assertThat(body(handler.handleRequest(garbled, null)).get("__type").asText())
                .isEqualTo("SerializationException");
        assertThat(audit).extracting(ApiCall::errorCode).containsExactly("StateMachineDoesNotExist",
                "UnknownOperationException", "UnknownOperationException", "SerializationException");
    }

    @Test
    void targetHeaderIsFoundWhateverItsCase() {
        APIGatewayProxyRequestEvent event = event("ListStateMachines");
        String target = event.getHeaders().remove("X-Amz-Target");
        event.getHeaders().put("x-amz-target", target);

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).get("stateMachines").isArray()).isTrue();
    }

    @Test
    void everyOperationOfTheServiceIsReachable() {
        for (String operation : api.service.operations()) {
            APIGatewayProxyResponseEvent response = call(operation, "{}");
            String type = response.getStatusCode() == 200 ? null : body(response).get("__type").asText();
            assertThat(type).as(operation).isNotIn("UnknownOperationException", "InternalFailure");
        }
    }

    private String createMachine(String name, String definition, String type) {
        APIGatewayProxyResponseEvent response = call("CreateStateMachine", createBody(name, definition, type));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return body(response).get("stateMachineArn").asText();
    }

    private static String createBody(String name, String definition, String type) {
        return Json.write(Json.MAPPER.createObjectNode().put("name", name).put("definition", definition)
                .put("roleArn", ROLE).put("type", type));
    }

    private APIGatewayProxyResponseEvent call(String operation, String body) {
        APIGatewayProxyRequestEvent event = event(operation);
        event.setBody(body);
        return handler.handleRequest(event, null);
    }

    /** The recorded proxy event of a signed AWS CLI call, retargeted at {@code operation}. */
    private static APIGatewayProxyRequestEvent event(String operation) {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/iam-signed-request.json");
        event.setHeaders(new HashMap<>(event.getHeaders()));
        event.getHeaders().put("X-Amz-Target", "AWSStepFunctions." + operation);
        return event;
    }

    private static JsonNode body(APIGatewayProxyResponseEvent response) {
        return Json.parse(response.getBody());
    }
}
