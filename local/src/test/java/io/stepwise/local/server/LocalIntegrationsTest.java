package io.stepwise.local.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.local.lambda.LambdaFunction;
import io.stepwise.local.lambda.LocalLambdaRegistry;
import io.stepwise.query.Json;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code lambda:invoke} goes to a configured local function, else to the remote Lambda API, in any partition. */
class LocalIntegrationsTest {
    private static final Integration REMOTE = request -> new TaskOutcome.Succeeded(TextNode.valueOf("remote"));

    private final LocalLambdaRegistry lambdas = new LocalLambdaRegistry(
            Map.of("local-fn", (LambdaFunction) (event, context) -> TextNode.valueOf("local")),
            Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()));
    private final LocalIntegrations integrations = new LocalIntegrations(lambdas,
            resource -> resource.contains(":lambda:invoke") ? Optional.of(REMOTE) : Optional.empty(), true);

    private String invoke(String resource, String functionName) {
        TaskRequest request = new TaskRequest("arn:aws:states:us-east-1:123456789012:execution:m:e", "S", resource,
                Json.parse("{\"FunctionName\": \"" + functionName + "\"}"), null, null, null, null);
        TaskOutcome outcome = integrations.find(resource).orElseThrow().invoke(request);
        assertThat(outcome).as(resource).isInstanceOf(TaskOutcome.Succeeded.class);
        // The remote answer is the text itself; the local one is Invoke's response with the result as Payload.
        JsonNode output = ((TaskOutcome.Succeeded) outcome).output();
        return output.isTextual() ? output.textValue() : output.path("Payload").asText();
    }

    @Test
    void lambdaInvokeChoosesLocalOrRemoteByFunctionNameInEveryPartition() {
        for (String partition : new String[] {"aws", "aws-cn", "aws-us-gov"}) {
            String resource = "arn:" + partition + ":states:::lambda:invoke";
            assertThat(invoke(resource, "local-fn")).as(resource).isEqualTo("local");
            assertThat(invoke(resource, "other-fn")).as(resource).isEqualTo("remote");
        }
    }
}
