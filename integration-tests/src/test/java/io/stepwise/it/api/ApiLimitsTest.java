package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.Tag;

/** AWS's size limits on request members, enforced with AWS's error codes; error texts that reveal no internals. */
class ApiLimitsTest extends ApiServerTest {
    private static final String PASS = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";

    private final HttpClient http = HttpClient.newHttpClient();

    private static String errorCode(Runnable call) {
        try {
            call.run();
        } catch (SfnException e) {
            return e.awsErrorDetails().errorCode();
        }
        throw new AssertionError("the call succeeded");
    }

    /** A Pass machine whose Comment makes the definition {@code bytes} long in UTF-8, using {@code filler}. */
    private static String definitionOf(int bytes, String filler) {
        String empty = "{\"Comment\":\"\",\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
        int fillerBytes = filler.getBytes(StandardCharsets.UTF_8).length;
        return empty.replace("\"Comment\":\"\"", "\"Comment\":\"" + filler.repeat((bytes - empty.length()) / fillerBytes)
                + "\"");
    }

    @Test
    void definitionsOverOneMebibyteAreRefused() {
        String atLimit = definitionOf(1_048_576, "x");
        assertThat(atLimit.getBytes(StandardCharsets.UTF_8)).hasSize(1_048_576);
        sfn.createStateMachine(b -> b.name("big").definition(atLimit).roleArn(ROLE));

        String overInBytes = definitionOf(1_200_000, "é");
        assertThat(overInBytes.length()).isLessThan(1_048_576);
        assertThat(errorCode(() -> sfn.createStateMachine(b -> b.name("bigger").definition(overInBytes).roleArn(ROLE))))
                .isEqualTo("ValidationException");
        String arn = sfn.createStateMachine(b -> b.name("small").definition(PASS).roleArn(ROLE)).stateMachineArn();
        assertThat(errorCode(() -> sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(overInBytes))))
                .isEqualTo("ValidationException");
    }

    @Test
    void tagKeysAndValuesHaveAwsLengths() {
        String arn = sfn.createStateMachine(b -> b.name("m").definition(PASS).roleArn(ROLE)).stateMachineArn();
        sfn.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("k".repeat(128)).value("v".repeat(256))
                .build()));

        assertThat(errorCode(() -> sfn.tagResource(b -> b.resourceArn(arn).tags(t -> t.key("k").value(
                "v".repeat(257)))))).isEqualTo("ValidationException");
        assertThat(errorCode(() -> sfn.tagResource(b -> b.resourceArn(arn).tags(t -> t.key("k".repeat(129))
                .value("v"))))).isEqualTo("ValidationException");
        assertThat(errorCode(() -> sfn.createStateMachine(b -> b.name("n").definition(PASS).roleArn(ROLE)
                .tags(t -> t.key("k").value("v".repeat(257)))))).isEqualTo("ValidationException");
        assertThat(errorCode(() -> sfn.untagResource(b -> b.resourceArn(arn).tagKeys("k".repeat(129)))))
                .isEqualTo("ValidationException");
        assertThat(sfn.listTagsForResource(b -> b.resourceArn(arn)).tags()).hasSize(1);
    }

    @Test
    void arnsLongerThanTheModelAllowsAreValidationErrors() {
        String longArn = "arn:aws:states:us-east-1:123456789012:stateMachine:" + "m".repeat(300);
        assertThat(errorCode(() -> sfn.describeStateMachine(b -> b.stateMachineArn(longArn))))
                .isEqualTo("ValidationException");
        assertThat(errorCode(() -> sfn.startExecution(b -> b.stateMachineArn(longArn))))
                .isEqualTo("ValidationException");
        assertThat(errorCode(() -> sfn.describeExecution(b -> b.executionArn(
                "arn:aws:states:us-east-1:123456789012:execution:m:" + "e".repeat(300)))))
                .isEqualTo("ValidationException");
    }

    @Test
    void callbackPayloadsAreMeasuredInBytes() {
        // 100,000 three-byte characters: within 256 Ki characters, beyond 256 KiB.
        String output = "\"" + "€".repeat(100_000) + "\"";
        assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken("unknown").output(output)))
                .isInstanceOf(InvalidOutputException.class);
        assertThat(errorCode(() -> sfn.sendTaskFailure(b -> b.taskToken("unknown").cause("c".repeat(32_769)))))
                .isEqualTo("ValidationException");
        assertThat(errorCode(() -> sfn.sendTaskFailure(b -> b.taskToken("unknown").error("e".repeat(257)))))
                .isEqualTo("ValidationException");
    }

    private HttpResponse<String> post(String operation, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AWSStepFunctions." + operation)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String operation, String body) throws IOException, InterruptedException {
        return post(operation, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void maxResultsBeyondIntIsRefusedNotWrapped() throws IOException, InterruptedException {
        sfn.createStateMachine(b -> b.name("a").definition(PASS).roleArn(ROLE));
        sfn.createStateMachine(b -> b.name("b").definition(PASS).roleArn(ROLE));
        for (String tooBig : new String[] {"4294967297", "18446744073709551617", "1001"}) {
            HttpResponse<String> response = post("ListStateMachines", "{\"maxResults\":" + tooBig + "}");
            assertThat(response.statusCode()).as(tooBig).isEqualTo(400);
            assertThat(Json.parse(response.body()).path("__type").asText()).isEqualTo("ValidationException");
        }
    }

    @Test
    void bodiesThatAreNotUtf8AreRefused() throws IOException, InterruptedException {
        byte[] prefix = "{\"name\":\"bad".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 4];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC3;
        body[prefix.length + 1] = (byte) 0x28;
        body[prefix.length + 2] = '"';
        body[prefix.length + 3] = '}';

        HttpResponse<String> response = post("CreateActivity", body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).path("__type").asText()).isEqualTo("SerializationException");
        assertThat(sfn.listActivities(b -> { }).activities()).isEmpty();
    }

    @Test
    void errorMessagesNameNoJavaOrLibraryClasses() throws IOException, InterruptedException {
        String deep = "[".repeat(1_500) + "]".repeat(1_500);
        JsonNode tooDeep = Json.parse(post("ListStateMachines", "{\"x\":" + deep + "}").body());
        assertThat(tooDeep.path("__type").asText()).isEqualTo("SerializationException");
        String machine = sfn.createStateMachine(b -> b.name("m").definition(PASS).roleArn(ROLE)).stateMachineArn();
        JsonNode deepInput = Json.parse(post("StartExecution", "{\"stateMachineArn\":\"" + machine
                + "\",\"input\":\"" + deep + "\"}").body());
        assertThat(deepInput.path("__type").asText()).isEqualTo("InvalidExecutionInput");
        JsonNode badPage = Json.parse(post("ListExecutions", "{\"stateMachineArn\":\"" + machine
                + "\",\"nextToken\":\"Zm9v\"}").body());
        assertThat(badPage.path("__type").asText()).isEqualTo("InvalidToken");

        String deepDefinition = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":" + deep
                + ",\"End\":true}}}";
        JsonNode badDefinition = Json.parse(post("CreateStateMachine", Json.write(Json.MAPPER.createObjectNode()
                .put("name", "deep").put("roleArn", ROLE).put("definition", deepDefinition))).body());
        assertThat(badDefinition.path("__type").asText()).isEqualTo("InvalidDefinition");
        JsonNode validation = Json.parse(post("ValidateStateMachineDefinition", Json.write(Json.MAPPER
                .createObjectNode().put("definition", deepDefinition))).body());
        assertThat(validation.path("result").asText()).isEqualTo("FAIL");
        assertThat(validation.path("diagnostics").get(0).path("message").asText()).doesNotContain("`",
                "StreamReadConstraints");

        for (JsonNode error : new JsonNode[] {tooDeep, deepInput, badPage, badDefinition}) {
            assertThat(error.path("message").asText()).doesNotContain("`", "Exception", "java.", "com.fasterxml",
                    "Jackson", "SQLite", "StreamReadConstraints");
        }
    }
}
