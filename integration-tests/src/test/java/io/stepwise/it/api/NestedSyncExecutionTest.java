package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * {@code states:startExecution.sync} and {@code .sync:2} through the SDK against {@code stepwise serve}: the Task
 * starts its child on Stepwise, records {@code TaskSubmitted}, waits without polling, and ends with the child's
 * DescribeExecution; stopping the parent or timing the Task out stops the child.
 */
class NestedSyncExecutionTest extends ApiServerTest {
    private static final String CHILD = """
            {"StartAt": "Double", "States": {"Double": {"Type": "Pass",
              "Parameters": {"doubled.$": "States.MathAdd($.n, $.n)"}, "End": true}}}""";
    private static final String FAILING_CHILD = """
            {"StartAt": "No", "States": {"No": {"Type": "Fail", "Error": "Child.Broke", "Cause": "on purpose"}}}""";
    private static final String WAITING_CHILD = """
            {"StartAt": "Sleep", "States": {"Sleep": {"Type": "Wait", "Seconds": 3600, "End": true}}}""";

    private String parent(String resourceSuffix, String childArn, String extra) {
        return createMachine("parent", """
                {"StartAt": "Run", "States": {"Run": {"Type": "Task",
                  "Resource": "arn:aws:states:::states:startExecution%s", %s
                  "Parameters": {"StateMachineArn": "%s", "Name": "kid",
                    "Input": {"n.$": "$.n", "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id"}},
                  "End": true}}}""".formatted(resourceSuffix, extra, childArn));
    }

    private List<HistoryEvent> history(String executionArn) {
        return sfn.getExecutionHistory(b -> b.executionArn(executionArn)).events();
    }

    private static HistoryEvent only(List<HistoryEvent> events, HistoryEventType type) {
        return events.stream().filter(e -> e.type() == type).reduce((a, b) -> {
            throw new AssertionError("two " + type);
        }).orElseThrow(() -> new AssertionError("no " + type + " in " + events));
    }

    @Test
    void syncTwoEndsWithTheChildsDescriptionAndItsOutputAsJson() throws Exception {
        String child = createMachine("child", CHILD);
        String execution = sfn.startExecution(b -> b.stateMachineArn(parent(".sync:2", child, ""))
                .input("{\"n\": 21}")).executionArn();

        DescribeExecutionResponse done = Await.end(sfn, execution);

        assertThat(done.status()).as(done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        List<HistoryEvent> events = history(execution);
        assertThat(events).extracting(HistoryEvent::type).containsExactly(HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED,
                HistoryEventType.TASK_SUBMITTED, HistoryEventType.TASK_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED);
        String childArn = "arn:aws:states:us-east-1:123456789012:execution:child:kid";
        var submitted = only(events, HistoryEventType.TASK_SUBMITTED).taskSubmittedEventDetails();
        assertThat(submitted.resourceType()).isEqualTo("states");
        assertThat(submitted.resource()).isEqualTo("startExecution.sync:2");
        JsonNode started = Json.parse(submitted.output());
        assertThat(started.get("ExecutionArn").asText()).isEqualTo(childArn);
        assertThat(started.get("StartDate").isIntegralNumber()).isTrue();
        assertThat(started.path("SdkHttpMetadata").path("HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(started.path("SdkResponseMetadata").path("RequestId").asText()).isNotEmpty();

        JsonNode output = Json.parse(done.output());
        assertThat(output.get("ExecutionArn").asText()).isEqualTo(childArn);
        assertThat(output.get("Name").asText()).isEqualTo("kid");
        assertThat(output.get("StateMachineArn").asText()).isEqualTo(child);
        assertThat(output.get("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(output.get("Output")).isEqualTo(Json.parse("{\"doubled\": 42}"));
        assertThat(output.get("Input")).isEqualTo(Json.parse(
                "{\"n\": 21, \"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID\": \"" + execution + "\"}"));
        assertThat(output.path("InputDetails").path("Included").asBoolean()).isTrue();
        assertThat(output.path("OutputDetails").path("Included").asBoolean()).isTrue();
        assertThat(output.get("RedriveCount").asInt()).isZero();
        assertThat(output.get("RedriveStatus").asText()).isEqualTo("NOT_REDRIVABLE");
        assertThat(output.get("StartDate").isIntegralNumber()).isTrue();
        assertThat(output.get("StopDate").asLong()).isGreaterThanOrEqualTo(output.get("StartDate").asLong());
        assertThat(Json.parse(only(events, HistoryEventType.TASK_SUCCEEDED).taskSucceededEventDetails().output()))
                .isEqualTo(output);

        DescribeExecutionResponse kid = sfn.describeExecution(b -> b.executionArn(childArn));
        assertThat(kid.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(kid.input()).get("AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID").asText())
                .isEqualTo(execution);
    }

    @Test
    void syncKeepsTheChildsInputAndOutputAsJsonText() throws Exception {
        String child = createMachine("child", CHILD);
        String execution = sfn.startExecution(b -> b.stateMachineArn(parent(".sync", child, ""))
                .input("{\"n\": 2}")).executionArn();

        DescribeExecutionResponse done = Await.end(sfn, execution);

        assertThat(done.status()).as(done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = Json.parse(done.output());
        assertThat(output.get("Output").isTextual()).isTrue();
        assertThat(Json.parse(output.get("Output").asText())).isEqualTo(Json.parse("{\"doubled\": 4}"));
        assertThat(output.get("Input").isTextual()).isTrue();
        assertThat(only(history(execution), HistoryEventType.TASK_SUBMITTED).taskSubmittedEventDetails().resource())
                .isEqualTo("startExecution.sync");
    }

    @Test
    void aFailedChildFailsTheTaskWithItsDescriptionAsCause() throws Exception {
        String child = createMachine("child", FAILING_CHILD);
        String execution = sfn.startExecution(b -> b.stateMachineArn(parent(".sync", child, ""))
                .input("{\"n\": 1}")).executionArn();

        DescribeExecutionResponse done = Await.end(sfn, execution);

        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.TaskFailed");
        JsonNode cause = Json.parse(done.cause());
        assertThat(cause.get("Status").asText()).isEqualTo("FAILED");
        assertThat(cause.get("Error").asText()).isEqualTo("Child.Broke");
        assertThat(cause.get("Cause").asText()).isEqualTo("on purpose");
        assertThat(cause.get("RedriveStatus").asText()).isEqualTo("REDRIVABLE");
        assertThat(cause.has("Output")).isFalse();
        var failed = only(history(execution), HistoryEventType.TASK_FAILED).taskFailedEventDetails();
        assertThat(failed.resourceType()).isEqualTo("states");
        assertThat(failed.resource()).isEqualTo("startExecution.sync");
        assertThat(failed.error()).isEqualTo("States.TaskFailed");
    }

    @Test
    void stoppingTheParentStopsTheChild() throws Exception {
        String child = createMachine("child", WAITING_CHILD);
        String execution = sfn.startExecution(b -> b.stateMachineArn(parent(".sync:2", child, ""))
                .input("{\"n\": 1}")).executionArn();
        awaitEvent(execution, HistoryEventType.TASK_SUBMITTED);

        sfn.stopExecution(b -> b.executionArn(execution).error("Halt"));

        String childArn = "arn:aws:states:us-east-1:123456789012:execution:child:kid";
        DescribeExecutionResponse kid = Await.end(sfn, childArn);
        assertThat(kid.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status()).isEqualTo(ExecutionStatus.ABORTED);
        // The child's end reached a parent that had stopped: its history took nothing more.
        assertThat(history(execution)).extracting(HistoryEvent::type).endsWith(HistoryEventType.TASK_STATE_ABORTED,
                HistoryEventType.EXECUTION_ABORTED);
    }

    @Test
    void aTaskTimeoutStopsTheChild() throws Exception {
        String child = createMachine("child", WAITING_CHILD);
        String execution = sfn.startExecution(b -> b.stateMachineArn(parent(".sync", child, "\"TimeoutSeconds\": 1,"))
                .input("{\"n\": 1}")).executionArn();

        DescribeExecutionResponse done = Await.end(sfn, execution);

        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.Timeout");
        DescribeExecutionResponse kid = Await.end(sfn, "arn:aws:states:us-east-1:123456789012:execution:child:kid");
        assertThat(kid.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(history(execution)).extracting(HistoryEvent::type).containsSubsequence(
                HistoryEventType.TASK_SUBMITTED, HistoryEventType.TASK_TIMED_OUT, HistoryEventType.EXECUTION_FAILED);
    }

    @Test
    void aFailingSiblingBranchStopsTheChild() throws Exception {
        String child = createMachine("child", WAITING_CHILD);
        String parent = createMachine("parent", """
                {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "Run", "States": {"Run": {"Type": "Task",
                    "Resource": "arn:aws:states:::states:startExecution.sync",
                    "Parameters": {"StateMachineArn": "%s", "Name": "kid"}, "End": true}}},
                  {"StartAt": "Later", "States": {
                    "Later": {"Type": "Wait", "Seconds": 1, "Next": "Broke"},
                    "Broke": {"Type": "Fail", "Error": "Sibling.Broke"}}}]}}}""".formatted(child));
        String execution = sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn();

        DescribeExecutionResponse done = Await.end(sfn, execution);

        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Sibling.Broke");
        DescribeExecutionResponse kid = Await.end(sfn, "arn:aws:states:us-east-1:123456789012:execution:child:kid");
        assertThat(kid.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(history(execution)).extracting(HistoryEvent::type).containsSubsequence(
                HistoryEventType.TASK_SUBMITTED, HistoryEventType.TASK_STATE_ABORTED);
    }

    private void awaitEvent(String execution, HistoryEventType type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (history(execution).stream().anyMatch(e -> e.type() == type)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + type + " in " + execution);
    }
}
