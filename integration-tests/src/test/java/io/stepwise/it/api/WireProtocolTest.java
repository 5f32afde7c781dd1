package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** What the server answers to requests no SDK would send: errors in AWS's shape, never a crash. */
class WireProtocolTest extends ApiServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String target, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String errorType(HttpResponse<String> response) {
        JsonNode body = Json.parse(response.body());
        assertThat(body.path("message").isTextual()).isTrue();
        return body.path("__type").asText();
    }

    @Test
    void unknownOrMissingTargetIsUnknownOperation() throws IOException, InterruptedException {
        HttpResponse<String> unknown = post("AWSStepFunctions.DoMagic", "{}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(errorType(unknown)).isEqualTo("UnknownOperationException");
        assertThat(errorType(post(null, "{}"))).isEqualTo("UnknownOperationException");
    }

    @Test
    void malformedBodiesAreSerializationErrors() throws IOException, InterruptedException {
        assertThat(errorType(post("AWSStepFunctions.ListStateMachines", "{not json"))).isEqualTo("SerializationException");
        assertThat(errorType(post("AWSStepFunctions.ListStateMachines", "[1,2]"))).isEqualTo("SerializationException");
        assertThat(errorType(post("AWSStepFunctions.CreateStateMachine", "{\"name\":5}")))
                .isEqualTo("SerializationException");
        assertThat(errorType(post("AWSStepFunctions.ListStateMachines", "{\"maxResults\":\"ten\"}")))
                .isEqualTo("SerializationException");
    }

    @Test
    void missingMembersAndBadTokensAreValidationErrors() throws IOException, InterruptedException {
        assertThat(errorType(post("AWSStepFunctions.DescribeExecution", "{}"))).isEqualTo("ValidationException");
        assertThat(errorType(post("AWSStepFunctions.ListStateMachines", "{\"nextToken\":\"forged\"}")))
                .isEqualTo("InvalidToken");
        assertThat(errorType(post("AWSStepFunctions.SendTaskSuccess", "{\"taskToken\":\"\",\"output\":\"{}\"}")))
                .as("the model's TaskToken shape has a minimum length of 1").isEqualTo("ValidationException");
    }

    @Test
    void requestsTheHttpLayerRefusesStillGetAnAwsStyleError() throws IOException {
        RawHttp.Answer oversized = RawHttp.post(server.port(), "127.0.0.1", "AWSStepFunctions." + "X".repeat(20_000),
                "{}");

        assertThat(oversized.status()).isEqualTo(431);
        assertThat(Json.parse(oversized.body()).path("__type").asText()).isEqualTo("SerializationException");
    }

    @Test
    void theServerKeepsServingAfterBadRequests() throws IOException, InterruptedException {
        post("AWSStepFunctions.StartExecution", "{\"stateMachineArn\":null}");
        post("AWSStepFunctions.GetExecutionHistory", "{\"executionArn\":\"arn:aws:states:us-east-1:1:execution\"}");

        HttpResponse<String> ok = post("AWSStepFunctions.ListStateMachines", "");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.0");
        assertThat(Json.parse(ok.body()).path("stateMachines").isArray()).isTrue();
    }
}
