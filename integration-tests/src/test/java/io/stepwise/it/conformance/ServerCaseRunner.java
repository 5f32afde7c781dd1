package io.stepwise.it.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.it.conformance.CaseRunner.Observed;
import io.stepwise.it.conformance.CaseRunner.RawEvent;
import io.stepwise.query.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.MockErrorOutput;
import software.amazon.awssdk.services.sfn.model.MockInput;
import software.amazon.awssdk.services.sfn.model.TestStateConfiguration;
import software.amazon.awssdk.services.sfn.model.TestStateRequest;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionRequest;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;

/**
 * Runs one recorded case through {@code stepwise serve} with the AWS SDK, as a user would: CreateStateMachine,
 * StartExecution, DescribeExecution until the end, GetExecutionHistory (every page); validation cases through
 * CreateStateMachine / ValidateStateMachineDefinition. What came back over the wire, read through the SDK's model,
 * is compared by the same code as the in-memory run ({@link CaseRunner#compareExecution}).
 */
final class ServerCaseRunner {
    /** How long one execution may run (on the server's virtual clock Waits cost nothing). */
    private static final Duration RUN_LIMIT = Duration.ofSeconds(30);

    private final SfnClient sfn;
    private final AtomicInteger machines = new AtomicInteger();

    ServerCaseRunner(SfnClient sfn) {
        this.sfn = sfn;
    }

    /** Null when the case matches, else the first difference. */
    String run(JsonNode testCase) {
        try {
            if (TestStateCases.isTestState(testCase)) {
                return testState(testCase);
            }
            if (testCase.has("request") || testCase.path("expected").has("createError")
                    || testCase.path("expected").has("validateResult")) {
                return validation(testCase);
            }
            return execution(testCase);
        } catch (SdkException e) {
            return "server call failed: " + e;
        }
    }

    /** A state machine name of its own per case (one server serves the whole suite); fixed width, so no name is a prefix of another, and no "-" (cases split the name on it). */
    private String machineName() {
        return Normalizer.MACHINE + String.format("%04d", machines.incrementAndGet());
    }

    private String validation(JsonNode testCase) {
        JsonNode expected = testCase.get("expected");
        String type = testCase.path("request").path("type").asText(null);
        String definition = testCase.get("definitionText").asText();
        if (expected.has("createError")) {
            JsonNode error = expected.get("createError");
            String arn;
            try {
                CreateStateMachineRequest.Builder request = CreateStateMachineRequest.builder().name(machineName())
                        .definition(definition).roleArn(Normalizer.ROLE_ARN);
                if (type != null) {
                    request.type(type);
                }
                arn = sfn.createStateMachine(request.build()).stateMachineArn();
            } catch (AwsServiceException e) {
                String code = e.awsErrorDetails().errorCode();
                String message = e.awsErrorDetails().errorMessage().replace("arn:aws:", "arn:<partition>:");
                if (!code.equals(error.get("code").asText())) {
                    return "expected error code " + error.get("code").asText() + " but was " + code + " (" + message + ")";
                }
                if (error.has("httpStatus") && error.get("httpStatus").asInt() != e.statusCode()) {
                    return "expected HTTP " + error.get("httpStatus").asInt() + " but was " + e.statusCode();
                }
                String expectedMessage = error.get("message").asText();
                return message.equals(expectedMessage) ? null
                        : "expected message <" + expectedMessage + "> but was <" + message + ">";
            }
            sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
            return "expected " + error.get("code").asText() + " but the definition was accepted";
        }
        ValidateStateMachineDefinitionRequest.Builder request = ValidateStateMachineDefinitionRequest.builder()
                .definition(definition);
        if (type != null) {
            request.type(type);
        }
        ValidateStateMachineDefinitionResponse response = sfn.validateStateMachineDefinition(request.build());
        return JsonMatcher.difference(expected.get("validateResult"), SdkJson.of(response), "validateResult");
    }

    /** A TestState call through {@code SfnClient.testState}, its answer read back through the SDK's model. */
    private String testState(JsonNode testCase) {
        ObjectNode body = TestStateCases.requestBody(testCase);
        TestStateRequest.Builder request = TestStateRequest.builder()
                .definition(body.path("definition").asText(null))
                .roleArn(body.path("roleArn").asText(null))
                .input(body.path("input").asText(null))
                .inspectionLevel(body.path("inspectionLevel").asText(null))
                .variables(body.path("variables").asText(null))
                .stateName(body.path("stateName").asText(null))
                .context(body.path("context").asText(null));
        if (body.has("revealSecrets")) {
            request.revealSecrets(body.get("revealSecrets").asBoolean());
        }
        JsonNode mock = body.get("mock");
        if (mock != null) {
            MockInput.Builder mockInput = MockInput.builder().result(mock.path("result").asText(null))
                    .fieldValidationMode(mock.path("fieldValidationMode").asText(null));
            if (mock.has("errorOutput")) {
                mockInput.errorOutput(MockErrorOutput.builder().error(mock.get("errorOutput").path("error").asText(null))
                        .cause(mock.get("errorOutput").path("cause").asText(null)).build());
            }
            request.mock(mockInput.build());
        }
        JsonNode configuration = body.get("stateConfiguration");
        if (configuration != null) {
            TestStateConfiguration.Builder config = TestStateConfiguration.builder()
                    .errorCausedByState(configuration.path("errorCausedByState").asText(null))
                    .mapItemReaderData(configuration.path("mapItemReaderData").asText(null));
            if (configuration.has("retrierRetryCount")) {
                config.retrierRetryCount(configuration.get("retrierRetryCount").asInt());
            }
            if (configuration.has("mapIterationFailureCount")) {
                config.mapIterationFailureCount(configuration.get("mapIterationFailureCount").asInt());
            }
            request.stateConfiguration(config.build());
        }
        TestStateResponse response;
        try {
            response = sfn.testState(request.build());
        } catch (AwsServiceException e) {
            return TestStateCases.compareError(testCase, e.awsErrorDetails().errorCode(),
                    e.awsErrorDetails().errorMessage(), e.statusCode());
        }
        return TestStateCases.compareResult(testCase, SdkJson.of(response));
    }

    private String execution(JsonNode recorded) {
        ServiceFixtures.Prepared prepared = ServiceFixtures.isServiceCase(recorded)
                ? ServiceFixtures.shared().prepare(recorded) : new ServiceFixtures.Prepared(recorded, Map.of());
        JsonNode testCase = prepared.testCase();
        Map<String, String> names = prepared.names();
        String machine = machineName();
        String definition = Json.write(testCase.get("definition"));
        String machineArn;
        try {
            machineArn = sfn.createStateMachine(b -> b.name(machine).definition(definition)
                    .roleArn(Normalizer.ROLE_ARN).type(testCase.path("request").path("type").asText("STANDARD")))
                    .stateMachineArn();
        } catch (AwsServiceException e) {
            return "definition rejected: " + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
        }
        String account = machineArn.split(":")[4];
        String executionName = UUID.randomUUID().toString();
        String input = testCase.get("inputText").asText();
        String executionArn = sfn.startExecution(b -> b.stateMachineArn(machineArn).name(executionName)
                .input(input)).executionArn();
        DescribeExecutionResponse execution = awaitEnd(executionArn);
        if (execution.status() == ExecutionStatus.RUNNING) {
            sfn.stopExecution(b -> b.executionArn(executionArn).error("Conformance.Timeout"));
            return "still RUNNING after " + RUN_LIMIT.toSeconds() + " s";
        }
        List<RawEvent> events = new ArrayList<>();
        // The server's default page size (100) makes the longer histories come in several pages.
        for (HistoryEvent event : sfn.getExecutionHistoryPaginator(b -> b.executionArn(executionArn)
                .reverseOrder(false).includeExecutionData(true)).events()) {
            events.add(raw(event));
        }
        JsonNode output = execution.output() == null ? null : Json.parse(execution.output());
        Observed observed = new Observed(execution.statusAsString(), output, execution.error(), execution.cause(),
                events);
        return CaseRunner.compareExecution(testCase, observed, executionName, machine, account, names);
    }

    private DescribeExecutionResponse awaitEnd(String executionArn) {
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        long pause = 1;
        while (true) {
            DescribeExecutionResponse execution = sfn.describeExecution(b -> b.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING || System.nanoTime() > deadline) {
                return execution;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return execution;
            }
            pause = Math.min(pause * 2, 20);
        }
    }

    /** The SDK's event as its wire JSON: {@code id}, {@code previousEventId}, {@code type}, one {@code *EventDetails}. */
    private static RawEvent raw(HistoryEvent event) {
        ObjectNode json = (ObjectNode) SdkJson.of(event);
        String detailsKey = null;
        JsonNode details = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().endsWith("EventDetails") && field.getValue().isObject()) {
                if (detailsKey != null) {
                    throw new IllegalStateException("event " + event.id() + " has both " + detailsKey + " and "
                            + field.getKey());
                }
                detailsKey = field.getKey();
                details = field.getValue();
            }
        }
        Long previous = json.has("previousEventId") ? json.get("previousEventId").asLong() : null;
        return new RawEvent(json.get("id").asLong(), previous, event.typeAsString(), detailsKey, details);
    }
}
