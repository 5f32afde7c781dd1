package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.local.server.ServeOptions;
import io.stepwise.query.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * {@code stepwise serve} with {@code aws.assumeStateMachineRole} against moto: a workflow asks STS who it is, first as
 * the state machine's role and then under a Task's {@code Credentials.RoleArn.$}, driven with the real SfnClient.
 */
class AssumedRoleEndToEndTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/orders-machine";
    private static final String OTHER = "arn:aws:iam::123456789012:role/reporting";

    private LocalServer server;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        String endpoint = System.getProperty("stepwise.moto.endpoint", System.getenv("STEPWISE_MOTO_ENDPOINT"));
        Assumptions.assumeTrue(endpoint != null && !endpoint.isBlank(),
                "no moto server: set STEPWISE_MOTO_ENDPOINT (./test starts one) to run the role assumption test");
        Path config = dir.resolve("stepwise.json");
        Files.writeString(config, """
                {"aws": {"region": "us-east-1", "endpoint": "%s", "assumeStateMachineRole": true,
                         "credentials": {"accessKeyId": "test", "secretAccessKey": "test"}}}
                """.formatted(endpoint));
        server = new LocalServer(ServeOptions.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withConfig(config));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void callsAsTheStateMachinesRoleUnlessATaskNamesAnother() throws Exception {
        String machine = server.sfn.createStateMachine(b -> b.name("who").roleArn(ROLE).definition("""
                {"StartAt": "AsMachine", "States": {
                  "AsMachine": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sts:getCallerIdentity",
                                "Parameters": {}, "ResultSelector": {"Arn.$": "$.Arn"}, "ResultPath": "$.machine",
                                "Next": "AsOther"},
                  "AsOther": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sts:getCallerIdentity",
                              "Credentials": {"RoleArn.$": "$.role"},
                              "Parameters": {}, "ResultSelector": {"Arn.$": "$.Arn"}, "ResultPath": "$.other",
                              "End": true}}}
                """)).stateMachineArn();

        String executionArn = server.sfn.startExecution(b -> b.stateMachineArn(machine).name("run-7")
                .input("{\"role\": \"" + OTHER + "\"}")).executionArn();
        DescribeExecutionResponse ended = Await.end(server.sfn, executionArn);

        assertThat(ended.status()).as(ended.error() + ": " + ended.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = Json.parse(ended.output());
        assertThat(output.path("machine").path("Arn").asText())
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/orders-machine/run-7");
        assertThat(output.path("other").path("Arn").asText())
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/reporting/run-7");

        List<HistoryEvent> events = server.sfn.getExecutionHistory(b -> b.executionArn(executionArn)).events();
        assertThat(events).extracting(HistoryEvent::type).containsExactly(
                HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED,
                HistoryEventType.TASK_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED,
                HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED,
                HistoryEventType.TASK_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(events.get(2).taskScheduledEventDetails().taskCredentials()).isNull();
        var other = events.get(7).taskScheduledEventDetails();
        assertThat(other.resourceType()).isEqualTo("aws-sdk:sts");
        assertThat(other.resource()).isEqualTo("getCallerIdentity");
        assertThat(other.taskCredentials().roleArn()).isEqualTo(OTHER);
    }

    /** TestState calls the service as an execution would: as the request's roleArn, or the Task's evaluated role. */
    @Test
    void testStateCallsAsTheRequestsRoleUnlessTheTaskNamesAnother() {
        String task = """
                {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sts:getCallerIdentity", "Parameters": {},
                 %s "ResultSelector": {"Arn.$": "$.Arn"}, "End": true}""";

        var asRequest = server.sfn.testState(b -> b.definition(task.formatted("")).roleArn(ROLE).input("{}"));
        var asTask = server.sfn.testState(b -> b.definition(task.formatted("\"Credentials\": {\"RoleArn.$\": \"$.role\"},"))
                .roleArn(ROLE).input("{\"role\": \"" + OTHER + "\"}"));

        assertThat(asRequest.statusAsString()).as(asRequest.error() + ": " + asRequest.cause()).isEqualTo("SUCCEEDED");
        assertThat(Json.parse(asRequest.output()).path("Arn").asText())
                .startsWith("arn:aws:sts::123456789012:assumed-role/orders-machine/");
        assertThat(asTask.statusAsString()).as(asTask.error() + ": " + asTask.cause()).isEqualTo("SUCCEEDED");
        assertThat(Json.parse(asTask.output()).path("Arn").asText())
                .startsWith("arn:aws:sts::123456789012:assumed-role/reporting/");
    }
}
