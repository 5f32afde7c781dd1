package io.stepwise.integrations.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.integrations.CallbackEngine;
import io.stepwise.integrations.IntegrationContract;
import io.stepwise.integrations.StepFunctionsEndpoint;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsSettings;
import io.stepwise.query.Json;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code states:startExecution} starting child executions on a Stepwise engine behind the Step Functions API
 * (moto's Step Functions is not part of the emulator the tests run): the child really runs, with the Task's
 * {@code Input} as its input.
 */
class StartExecutionTest extends IntegrationContract {
    private StepFunctionsEndpoint children;
    private String childMachine;

    @Override
    protected AwsClients clients() throws IOException {
        children = new StepFunctionsEndpoint();
        childMachine = children.engine.call("CreateStateMachine", CallbackEngine.request("name", "child",
                "roleArn", CallbackEngine.ROLE,
                "definition", "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}"))
                .get("stateMachineArn").asText();
        return new AwsClients(new AwsSettings("us-east-1", null, Map.of("states", children.uri()), "test", "test"));
    }

    @AfterEach
    void stopChildren() {
        children.close();
    }

    @Override
    protected String resource() {
        return "arn:aws:states:::states:startExecution";
    }

    @Override
    protected ObjectNode validParameters() {
        ObjectNode parameters = json("{\"Input\": {\"order\": 7}}");
        return parameters.put("StateMachineArn", childMachine);
    }

    @Override
    protected ObjectNode refusedParameters() {
        return json("{\"Input\": {}}").put("StateMachineArn", childMachine.replace(":child", ":missing"));
    }

    @Override
    protected String refusedError() {
        return "StepFunctions.StateMachineDoesNotExistException";
    }

    @Override
    protected String typedMember() {
        return "TraceHeader";
    }

    @Override
    protected void assertCalled(JsonNode output) {
        String child = output.path("ExecutionArn").asText();
        assertThat(child).startsWith("arn:aws:states:us-east-1:123456789012:execution:child:");
        assertThat(output.path("StartDate").asText()).isNotBlank();
        assertThat(output.path("SdkHttpMetadata").path("HttpStatusCode").asInt()).isEqualTo(200);
        ObjectNode described = children.engine.describe(child);
        assertThat(described.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(Json.parse(described.path("input").asText())).isEqualTo(Json.parse("{\"order\": 7}"));
        assertThat(Json.parse(described.path("output").asText())).isEqualTo(Json.parse("{\"order\": 7}"));
    }

    @Test
    void aNameAlreadyUsedByAFinishedChildIsRefusedAsAwsDoes() {
        ObjectNode parameters = validParameters().put("Name", "once");
        assertThat(invoke(resource(), parameters)).isInstanceOf(TaskOutcome.Succeeded.class);
        assertThat(invoke(resource(), parameters)).isInstanceOfSatisfying(TaskOutcome.Failed.class, failed ->
                assertThat(failed.error()).isEqualTo("StepFunctions.ExecutionAlreadyExistsException"));
    }
}
