package io.stepwise.integrations.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.integrations.IntegrationContract;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsSettings;
import io.stepwise.query.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code lambda:invoke} end to end over HTTP, from an endpoint that answers as the Lambda Invoke API documents
 * ({@code POST /2015-03-31/functions/{name}/invocations}; a function error sets {@code X-Amz-Function-Error} and
 * the payload is the error document; a missing function is HTTP 404 {@code ResourceNotFoundException}). moto
 * runs function code only in Docker, so this endpoint stands in for AWS Lambda — not for any part of Stepwise.
 * The same error mapping against moto's Lambda API is in {@link LambdaInvokeTest}.
 */
class LambdaApiEndpointTest extends IntegrationContract {
    private HttpServer lambda;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    @Override
    protected AwsClients clients() throws IOException {
        lambda = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        lambda.createContext("/2015-03-31/functions/", this::answer);
        lambda.start();
        URI endpoint = URI.create("http://127.0.0.1:" + lambda.getAddress().getPort());
        return new AwsClients(new AwsSettings("us-east-1", null, Map.of("lambda", endpoint), "test", "test"));
    }

    private void answer(HttpExchange exchange) throws IOException {
        String named = exchange.getRequestURI().getPath().split("/")[3];
        String function = named.substring(named.lastIndexOf(':') + 1);
        String event = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = 200;
        String body;
        switch (function) {
            case "fails" -> {
                exchange.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
                body = "{\"errorType\": \"OrderRejected\", \"errorMessage\": \"too large\"}";
            }
            case "fails-untyped" -> {
                exchange.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
                body = "{\"errorMessage\": \"no type\"}";
            }
            case "echo" -> {
                events.add(Json.parse(event));
                body = "{\"echo\": " + event + "}";
            }
            default -> {
                status = 404;
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "ResourceNotFoundException");
                body = "{\"Type\": \"User\", \"Message\": \"Function not found: " + named + "\"}";
            }
        }
        exchange.getResponseHeaders().add("X-Amz-Executed-Version", "$LATEST");
        exchange.getResponseHeaders().add("x-amzn-RequestId", "req-1");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stopLambda() {
        lambda.stop(0);
    }

    @Override
    protected String resource() {
        return "arn:aws:states:::lambda:invoke";
    }

    @Override
    protected ObjectNode validParameters() {
        return json("{\"FunctionName\": \"echo\", \"Payload\": {\"a\": 1}}");
    }

    @Override
    protected ObjectNode refusedParameters() {
        return json("{\"FunctionName\": \"no-such-function\", \"Payload\": {}}");
    }

    @Override
    protected String refusedError() {
        return "Lambda.ResourceNotFoundException";
    }

    @Override
    protected String typedMember() {
        return "Qualifier";
    }

    @Override
    protected void assertCalled(JsonNode output) {
        assertThat(events).containsExactly(Json.parse("{\"a\": 1}"));
        assertThat(output.get("Payload")).isEqualTo(Json.parse("{\"echo\": {\"a\": 1}}"));
        assertThat(output.path("StatusCode").asInt()).isEqualTo(200);
        assertThat(output.path("ExecutedVersion").asText()).isEqualTo("$LATEST");
        assertThat(output.path("SdkHttpMetadata").path("HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(output.path("SdkResponseMetadata").path("RequestId").asText()).isEqualTo("req-1");
    }

    @Test
    void aTextPayloadIsSentAsAJsonString() {
        TaskOutcome outcome = invoke(resource(), json("{\"FunctionName\": \"echo\", \"Payload\": \"hi\"}"));
        assertThat(((TaskOutcome.Succeeded) outcome).output().get("Payload")).isEqualTo(Json.parse("{\"echo\": \"hi\"}"));
    }

    @Test
    void aFunctionArnAnswersTheFunctionsResult() {
        TaskOutcome outcome = invoke("arn:aws:lambda:us-east-1:123456789012:function:echo", json("{\"a\": 1}"));
        assertThat(((TaskOutcome.Succeeded) outcome).output()).isEqualTo(Json.parse("{\"echo\": {\"a\": 1}}"));
    }

    @Test
    void aFunctionErrorIsItsErrorType() {
        TaskOutcome outcome = invoke(resource(), json("{\"FunctionName\": \"fails\"}"));
        assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class, failed -> {
            assertThat(failed.error()).isEqualTo("OrderRejected");
            assertThat(Json.parse(failed.cause()).path("errorMessage").asText()).isEqualTo("too large");
        });
    }

    @Test
    void aFunctionErrorWithoutTypeIsLambdaUnknown() {
        TaskOutcome outcome = invoke("arn:aws:lambda:us-east-1:123456789012:function:fails-untyped", json("{}"));
        assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class,
                failed -> assertThat(failed.error()).isEqualTo("Lambda.Unknown"));
    }
}
