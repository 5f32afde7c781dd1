package io.stepwise.integrations.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.integrations.ServiceIntegrations;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsSettings;
import io.stepwise.query.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Invoke's success and function-error answers, which moto cannot produce without Docker, from an HTTP endpoint
 * that answers as the Lambda Invoke API documents it ({@code POST /2015-03-31/functions/{name}/invocations}; a
 * function error sets {@code X-Amz-Function-Error} and the payload is the error document). This stands in for
 * AWS, not for any part of Stepwise.
 */
class LambdaApiEndpointTest {
    private HttpServer lambda;
    private ServiceIntegrations integrations;

    @BeforeEach
    void start() throws IOException {
        lambda = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        lambda.createContext("/2015-03-31/functions/", exchange -> {
            String named = exchange.getRequestURI().getPath().split("/")[3];
            String function = named.substring(named.lastIndexOf(':') + 1);
            byte[] event = exchange.getRequestBody().readAllBytes();
            String body;
            if (function.equals("fails")) {
                exchange.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
                body = "{\"errorType\": \"OrderRejected\", \"errorMessage\": \"too large\"}";
            } else if (function.equals("fails-untyped")) {
                exchange.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
                body = "{\"errorMessage\": \"no type\"}";
            } else {
                body = "{\"echo\": " + new String(event, StandardCharsets.UTF_8) + "}";
            }
            exchange.getResponseHeaders().add("X-Amz-Executed-Version", "$LATEST");
            exchange.getResponseHeaders().add("x-amzn-RequestId", "req-1");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        lambda.start();
        URI endpoint = URI.create("http://127.0.0.1:" + lambda.getAddress().getPort());
        integrations = new ServiceIntegrations(new AwsClients(
                new AwsSettings("us-east-1", null, Map.of("lambda", endpoint), "test", "test")), true);
    }

    @AfterEach
    void stop() {
        integrations.close();
        lambda.stop(0);
    }

    private TaskOutcome invoke(String resource, String parameters) {
        return integrations.find(resource).orElseThrow().invoke(new TaskRequest(
                "arn:aws:states:us-east-1:123456789012:execution:m:e", "S", resource, Json.parse(parameters),
                null, null, null, null));
    }

    @Test
    void invokeAnswersThePayloadAsJsonWithTheHttpMetadata() {
        TaskOutcome outcome = invoke("arn:aws:states:::lambda:invoke", "{\"FunctionName\": \"echo\", \"Payload\": {\"a\": 1}}");
        JsonNode output = ((TaskOutcome.Succeeded) outcome).output();
        assertThat(output.get("Payload")).isEqualTo(Json.parse("{\"echo\": {\"a\": 1}}"));
        assertThat(output.path("StatusCode").asInt()).isEqualTo(200);
        assertThat(output.path("ExecutedVersion").asText()).isEqualTo("$LATEST");
        assertThat(output.path("SdkHttpMetadata").path("HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(output.path("SdkResponseMetadata").path("RequestId").asText()).isEqualTo("req-1");
    }

    @Test
    void aTextPayloadIsSentAsAJsonString() {
        TaskOutcome outcome = invoke("arn:aws:states:::lambda:invoke", "{\"FunctionName\": \"echo\", \"Payload\": \"hi\"}");
        assertThat(((TaskOutcome.Succeeded) outcome).output().get("Payload")).isEqualTo(Json.parse("{\"echo\": \"hi\"}"));
    }

    @Test
    void aFunctionArnAnswersTheFunctionsResult() {
        TaskOutcome outcome = invoke("arn:aws:lambda:us-east-1:123456789012:function:echo", "{\"a\": 1}");
        assertThat(((TaskOutcome.Succeeded) outcome).output()).isEqualTo(Json.parse("{\"echo\": {\"a\": 1}}"));
    }

    @Test
    void aFunctionErrorIsItsErrorType() {
        TaskOutcome outcome = invoke("arn:aws:states:::lambda:invoke", "{\"FunctionName\": \"fails\"}");
        assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class, failed -> {
            assertThat(failed.error()).isEqualTo("OrderRejected");
            assertThat(Json.parse(failed.cause()).path("errorMessage").asText()).isEqualTo("too large");
        });
    }

    @Test
    void aFunctionErrorWithoutTypeIsLambdaUnknown() {
        TaskOutcome outcome = invoke("arn:aws:lambda:us-east-1:123456789012:function:fails-untyped", "{}");
        assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class,
                failed -> assertThat(failed.error()).isEqualTo("Lambda.Unknown"));
    }
}
