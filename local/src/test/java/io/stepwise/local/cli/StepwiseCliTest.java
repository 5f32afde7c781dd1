package io.stepwise.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.local.StepwiseCli;
import io.stepwise.query.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepwiseCliTest {
    private static final String GREETING = "greeter=" + GreetingHandler.class.getName();
    private static final String FAILING = "failing=" + FailingHandler.class.getName();

    @TempDir
    Path dir;

    @Test
    void runPrintsTheOutputOfASucceededExecution() throws IOException {
        Path definition = write("pass.asl.json", """
                {"StartAt":"Greet","States":{"Greet":{"Type":"Pass",
                 "Parameters":{"greeting.$":"States.Format('Hello, {}!', $.name)"},"End":true}}}""");

        Cli result = cli("run", definition.toString(), "--input", "{\"name\":\"Ada\"}");

        assertThat(result.exitCode).isZero();
        assertThat(json(result.out)).isEqualTo(Json.parse("{\"greeting\":\"Hello, Ada!\"}"));
    }

    @Test
    void runReadsTheInputFromAFileAndDefaultsToAnEmptyObject() throws IOException {
        Path definition = write("echo.json", "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}");
        Path input = write("input.json", "{\"from\":\"file\"}");

        assertThat(json(cli("run", definition.toString(), "--input", "@" + input).out))
                .isEqualTo(Json.parse("{\"from\":\"file\"}"));
        assertThat(json(cli("run", definition.toString()).out)).isEqualTo(Json.parse("{}"));
    }

    @Test
    void aFailStateExitsWithOneAndReportsErrorAndCause() throws IOException {
        Path definition = write("fail.json", """
                {"StartAt":"Boom","States":{"Boom":{"Type":"Fail","Error":"Custom.Error","Cause":"it broke"}}}""");

        Cli result = cli("run", definition.toString());

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.out).isEmpty();
        assertThat(result.err).contains("FAILED Custom.Error: it broke");
    }

    @Test
    void anInvalidDefinitionIsRejectedWithExitTwo() throws IOException {
        Path definition = write("bad.json", "{\"StartAt\":\"Missing\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}");

        Cli result = cli("run", definition.toString());

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).contains("InvalidDefinition: Invalid State Machine Definition: '");
    }

    @Test
    void invalidInputJsonIsRejectedWithExitTwo() throws IOException {
        Path definition = write("echo.json", "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}");

        Cli result = cli("run", definition.toString(), "--input", "{not json");

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).contains("--input is not valid JSON");
    }

    @Test
    void unknownCommandsAndOptionsPrintUsageWithExitTwo() {
        assertThat(cli("frobnicate").exitCode).isEqualTo(2);
        Cli unknownOption = cli("run", "x.json", "--colour");
        assertThat(unknownOption.exitCode).isEqualTo(2);
        assertThat(unknownOption.err).contains("unknown option --colour").contains("Usage: stepwise");
        assertThat(cli("--help").out).contains("Usage: stepwise");
    }

    @Test
    void serveIsHandedToTheServeCommand() {
        Cli result = cli("serve", "--no-such-option");

        assertThat(result.exitCode).as("ServeCommand's exit code for bad arguments").isEqualTo(2);
        assertThat(result.err).doesNotContain("serve is not available in this build");
    }

    @Test
    void validatePrintsAnOkAnswer() throws IOException {
        Path definition = write("ok.json", "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}");

        Cli result = cli("validate", definition.toString(), "--type", "EXPRESS");

        assertThat(result.exitCode).isZero();
        assertThat(json(result.out)).isEqualTo(Json.parse("{\"result\":\"OK\",\"diagnostics\":[],\"truncated\":false}"));
    }

    @Test
    void validatePrintsTheDiagnosticsOfAnInvalidDefinition() throws IOException {
        Path definition = write("bad.json", "{\"StartAt\":\"Missing\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}");

        Cli result = cli("validate", definition.toString());

        assertThat(result.exitCode).isEqualTo(1);
        JsonNode answer = json(result.out);
        assertThat(answer.get("result").asText()).isEqualTo("FAIL");
        assertThat(answer.get("truncated").asBoolean()).isFalse();
        JsonNode diagnostic = answer.get("diagnostics").get(0);
        assertThat(diagnostic.get("severity").asText()).isEqualTo("ERROR");
        assertThat(diagnostic.get("code").asText()).isEqualTo("MISSING_TRANSITION_TARGET");
        assertThat(diagnostic.has("message")).isTrue();
        assertThat(diagnostic.get("location").asText()).isEqualTo("/StartAt");
    }

    @Test
    void historyFileHoldsTheEventsStartingWithExecutionStarted() throws IOException {
        Path definition = write("hello.asl.json", "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}");
        Path history = dir.resolve("history.json");

        Cli result = cli("run", definition.toString(), "--history", history.toString(), "--name", "first");

        assertThat(result.exitCode).isZero();
        String text = Files.readString(history);
        assertThat(text).contains("\n");
        JsonNode events = Json.parse(text).get("events");
        assertThat(events.get(0).get("type").asText()).isEqualTo("ExecutionStarted");
        assertThat(events.get(0).at("/executionStartedEventDetails/roleArn").asText())
                .isEqualTo("arn:aws:iam::123456789012:role/StepwiseLocal");
        assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("ExecutionSucceeded");
    }

    @Test
    void virtualTimeMakesAOneYearWaitFinishInstantly() throws IOException {
        Path definition = write("wait.json", """
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":31536000,"End":true}}}""");
        Path history = dir.resolve("history.json");

        long started = System.nanoTime();
        Cli result = cli("run", definition.toString(), "--virtual-time", "--history", history.toString(),
                "--input", "{\"done\":true}");

        assertThat(System.nanoTime() - started).isLessThan(10_000_000_000L);
        assertThat(result.exitCode).isZero();
        assertThat(json(result.out)).isEqualTo(Json.parse("{\"done\":true}"));
        JsonNode events = Json.parse(Files.readString(history)).get("events");
        double first = events.get(0).get("timestamp").asDouble();
        double last = events.get(events.size() - 1).get("timestamp").asDouble();
        assertThat(last - first).isGreaterThanOrEqualTo(31536000);
    }

    @Test
    void aLambdaFunctionArnInvokesTheRegisteredHandler() throws IOException {
        Path definition = write("legacy.json", """
                {"StartAt":"Call","States":{"Call":{"Type":"Task",
                 "Resource":"arn:aws:lambda:us-east-1:123456789012:function:greeter:live","End":true}}}""");
        Path history = dir.resolve("history.json");

        Cli result = cli("run", definition.toString(), "--function", GREETING, "--history", history.toString(),
                "--input", "{\"name\":\"Ada\",\"ignored\":1}");

        assertThat(result.exitCode).isZero();
        assertThat(json(result.out))
                .isEqualTo(Json.parse("{\"greeting\":\"Hello, Ada!\",\"function\":\"greeter\"}"));
        assertThat(result.err).contains("greeting Ada");
        assertThat(eventTypes(history)).contains("LambdaFunctionScheduled", "LambdaFunctionStarted",
                "LambdaFunctionSucceeded");
    }

    @Test
    void lambdaInvokeAnswersWithTheInvokeResponseShape() throws IOException {
        Path definition = write("invoke.json", """
                {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                 "Parameters":{"FunctionName":"arn:aws:lambda:us-east-1:123456789012:function:greeter",
                               "Payload":{"name.$":"$.who"}},"End":true}}}""");
        Path history = dir.resolve("history.json");

        Cli result = cli("run", definition.toString(), "--function", GREETING, "--history", history.toString(),
                "--input", "{\"who\":\"Grace\"}");

        assertThat(result.exitCode).isZero();
        JsonNode output = json(result.out);
        assertThat(output.get("Payload"))
                .isEqualTo(Json.parse("{\"greeting\":\"Hello, Grace!\",\"function\":\"greeter\"}"));
        assertThat(output.get("ExecutedVersion").asText()).isEqualTo("$LATEST");
        assertThat(output.get("StatusCode").asInt()).isEqualTo(200);
        assertThat(output.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(output.at("/SdkResponseMetadata/RequestId").asText()).isNotEmpty();
        assertThat(eventTypes(history)).contains("TaskScheduled", "TaskStarted", "TaskSucceeded");
    }

    @Test
    void aStreamHandlerGetsAndReturnsJsonBytes() throws IOException {
        Path definition = write("stream.json", """
                {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                 "Parameters":{"FunctionName":"echo","Payload.$":"$"},"OutputPath":"$.Payload","End":true}}}""");

        Cli result = cli("run", definition.toString(), "--function", "echo=" + EchoStreamHandler.class.getName(),
                "--input", "{\"a\":[1,2.5,\"x\"]}");

        assertThat(json(result.out)).isEqualTo(Json.parse("{\"a\":[1,2.5,\"x\"]}"));
    }

    @Test
    void aHandlerExceptionIsCaughtByItsClassName() throws IOException {
        Path definition = write("catch.json", """
                {"StartAt":"Call","States":{
                  "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                   "Parameters":{"FunctionName":"failing","Payload":{}},
                   "Catch":[{"ErrorEquals":["java.lang.IllegalStateException"],"ResultPath":"$.error","Next":"Handled"}],
                   "End":true},
                  "Handled":{"Type":"Pass","End":true}}}""");

        Cli result = cli("run", definition.toString(), "--function", FAILING);

        assertThat(result.exitCode).isZero();
        JsonNode error = json(result.out).get("error");
        assertThat(error.get("Error").asText()).isEqualTo("java.lang.IllegalStateException");
        JsonNode cause = Json.parse(error.get("Cause").asText());
        assertThat(cause.get("errorMessage").asText()).isEqualTo("no greeting today");
        assertThat(cause.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(cause.get("stackTrace").get(0).asText()).startsWith(FailingHandler.class.getName() + ".handleRequest(");
    }

    @Test
    void anUncaughtHandlerExceptionFailsTheExecution() throws IOException {
        Path definition = write("uncaught.json", """
                {"StartAt":"Call","States":{"Call":{"Type":"Task",
                 "Resource":"arn:aws:lambda:us-east-1:123456789012:function:failing","End":true}}}""");

        Cli result = cli("run", definition.toString(), "--function", FAILING);

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.err).contains("FAILED java.lang.IllegalStateException: {\"errorMessage\":\"no greeting today\"");
    }

    @Test
    void anUnknownFunctionFailsWithResourceNotFound() throws IOException {
        Path definition = write("missing.json", """
                {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                 "Parameters":{"FunctionName":"nobody"},"End":true}}}""");

        Cli result = cli("run", definition.toString(), "--function", GREETING);

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.err).contains("FAILED Lambda.ResourceNotFoundException");
    }

    @Test
    void aMissingHandlerClassIsAnInputError() throws IOException {
        Path definition = write("echo.json", "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}");

        Cli result = cli("run", definition.toString(), "--function", "f=com.example.Nope");

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).contains("handler class not found: com.example.Nope");
    }

    @Test
    void testStateRunsOneStateOfAMachineWithAMockedResult() throws IOException {
        Path definition = write("machine.json", """
                {"StartAt":"Get","States":{
                 "Get":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem",
                  "Parameters":{"TableName":"users","Key":{"id":{"S.$":"$.id"}}},
                  "ResultSelector":{"name.$":"$.Item.name.S"},"ResultPath":"$.user","Next":"Done"},
                 "Done":{"Type":"Succeed"}}}""");

        Cli result = cli("test-state", definition.toString(), "--state", "Get", "--input", "{\"id\":\"42\"}",
                "--mock", "{\"result\":{\"Item\":{\"name\":{\"S\":\"Ada\"}}}}");

        assertThat(result.exitCode).isZero();
        JsonNode answer = json(result.out);
        assertThat(answer.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(answer.get("nextState").asText()).isEqualTo("Done");
        assertThat(answer.get("output")).isEqualTo(Json.parse("{\"id\":\"42\",\"user\":{\"name\":\"Ada\"}}"));
        assertThat(answer.get("inspectionData").get("afterParameters"))
                .isEqualTo(Json.parse("{\"TableName\":\"users\",\"Key\":{\"id\":{\"S\":\"42\"}}}"));
    }

    @Test
    void testStateReportsACaughtErrorAndRejectsAMockOfTheWrongShape() throws IOException {
        Path definition = write("task.json", """
                {"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
                 "Parameters":{"QueueUrl":"q","MessageBody":"m"},
                 "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Handle"}],"End":true}""");

        Cli caught = cli("test-state", definition.toString(), "--mock",
                "{\"errorOutput\":{\"error\":\"SQS.QueueDoesNotExist\",\"cause\":\"no queue\"}}");
        Cli rejected = cli("test-state", definition.toString(), "--mock", "{\"result\":{\"MessageId\":7}}");

        assertThat(caught.exitCode).isZero();
        JsonNode answer = json(caught.out);
        assertThat(answer.get("status").asText()).isEqualTo("CAUGHT_ERROR");
        assertThat(answer.get("nextState").asText()).isEqualTo("Handle");
        assertThat(answer.get("output")).isEqualTo(Json.parse(
                "{\"error\":{\"Error\":\"SQS.QueueDoesNotExist\",\"Cause\":\"no queue\"}}"));
        assertThat(answer.get("inspectionData").get("errorDetails")).isEqualTo(Json.parse("{\"catchIndex\":0}"));
        assertThat(rejected.exitCode).isEqualTo(2);
        assertThat(rejected.err).contains("ValidationException: Mock result schema validation error: "
                + "Field 'MessageId' must be a string");
    }

    @Test
    void testStateCallsALocalFunctionWhenThereIsNoMock() throws IOException {
        Path definition = write("greet.json", """
                {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                 "Parameters":{"FunctionName":"greeter","Payload":{"name.$":"$.who"}},
                 "ResultSelector":{"greeting.$":"$.Payload.greeting"},"End":true}""");

        Cli result = cli("test-state", definition.toString(), "--input", "{\"who\":\"Ada\"}", "--function", GREETING,
                "--inspection-level", "INFO");

        assertThat(result.exitCode).isZero();
        assertThat(json(result.out)).isEqualTo(Json.parse(
                "{\"output\":{\"greeting\":\"Hello, Ada!\"},\"status\":\"SUCCEEDED\"}"));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static List<String> eventTypes(Path history) throws IOException {
        List<String> types = new ArrayList<>();
        Json.parse(Files.readString(history)).get("events").forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private static JsonNode json(String text) {
        return Json.parse(text);
    }

    private static Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = StepwiseCli.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Cli(int exitCode, String out, String err) {
    }
}
