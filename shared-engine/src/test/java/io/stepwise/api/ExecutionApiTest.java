package io.stepwise.api;

import static io.stepwise.api.ApiFixture.ECHO;
import static io.stepwise.api.ApiFixture.FLAKY;
import static io.stepwise.api.ApiFixture.T0;
import static io.stepwise.api.ApiFixture.epochSeconds;
import static io.stepwise.api.ApiFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Start, describe, list, history, stop and redrive of Standard executions, through the API service alone. */
class ExecutionApiTest {
    private static final String ECHO_TASK = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(ECHO);
    private static final String FLAKY_TASK = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","Next":"T"},
             "T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(FLAKY);
    private static final String WAIT = """
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""";

    private final ApiFixture api = new ApiFixture();

    @Test
    void aStartedExecutionRunsWhenItsTaskIsCalledAndDescribeShowsItsOutput() {
        String machine = api.createMachine("m", ECHO_TASK);

        ObjectNode started = api.call("StartExecution", request("stateMachineArn", machine, "name", "e1",
                "input", "{\"v\":1}"));
        String arn = started.get("executionArn").asText();

        assertThat(arn).isEqualTo("arn:aws:states:us-east-1:123456789012:execution:m:e1");
        assertThat(started.get("startDate").asDouble()).isEqualTo(epochSeconds(T0));
        assertThat(api.describe(arn).get("status").asText()).as("the task has not been called").isEqualTo("RUNNING");

        api.drain();

        ObjectNode described = api.describe(arn);
        assertThat(described.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(described.get("output").asText()).isEqualTo("{\"v\":1}");
        assertThat(described.get("input").asText()).isEqualTo("{\"v\":1}");
        assertThat(described.get("stateMachineArn").asText()).isEqualTo(machine);
        assertThat(described.get("redriveCount").asInt()).isZero();
        assertThat(described.get("redriveStatus").asText()).isEqualTo("NOT_REDRIVABLE");
        assertThat(described.has("redriveDate")).isFalse();
    }

    @Test
    void startingARunningExecutionAgainWithTheSameInputReturnsItAndWithAnotherInputIsRefused() {
        String machine = api.createMachine("m", WAIT);
        String arn = api.start(machine, "e1", "{}");

        assertThat(api.start(machine, "e1", "{}")).isEqualTo(arn);
        assertThat(api.error("StartExecution", request("stateMachineArn", machine, "name", "e1", "input",
                "{\"other\":true}")).code()).isEqualTo("ExecutionAlreadyExists");
    }

    @Test
    void unknownMachinesAndExecutionsAreClientErrors() {
        String machine = "arn:aws:states:us-east-1:123456789012:stateMachine:nope";

        assertThat(api.error("StartExecution", request("stateMachineArn", machine)).code())
                .isEqualTo("StateMachineDoesNotExist");
        assertThat(api.error("DescribeExecution", request("executionArn",
                "arn:aws:states:us-east-1:123456789012:execution:nope:e")).code()).isEqualTo("ExecutionDoesNotExist");
        assertThat(api.error("StartExecution", request("stateMachineArn", machine.replace("nope", "m")
                + "#HappyPath")).getMessage()).as("without a start hook, a test case suffix is part of the ARN")
                .isEqualTo("State Machine Does Not Exist: '" + machine.replace("nope", "m") + "#HappyPath'");
    }

    @Test
    void aWaitingExecutionEndsWhenItsTimerFires() {
        String arn = api.start(api.createMachine("m", WAIT), "e1", "{}");

        api.advance(Duration.ofSeconds(59));
        assertThat(api.describe(arn).get("status").asText()).isEqualTo("RUNNING");
        api.advance(Duration.ofSeconds(1));

        ObjectNode described = api.describe(arn);
        assertThat(described.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(described.get("stopDate").asDouble()).isEqualTo(epochSeconds(T0.plusSeconds(60)));
    }

    @Test
    void stopAbortsTheExecutionWithTheGivenErrorAndCause() {
        String arn = api.start(api.createMachine("m", WAIT), "e1", "{}");
        api.clock.advanceTo(T0.plusSeconds(5));

        ObjectNode stopped = api.call("StopExecution", request("executionArn", arn, "error", "Halt", "cause",
                "by hand"));

        assertThat(stopped.get("stopDate").asDouble()).isEqualTo(epochSeconds(T0.plusSeconds(5)));
        ObjectNode described = api.describe(arn);
        assertThat(described.get("status").asText()).isEqualTo("ABORTED");
        assertThat(described.get("error").asText()).isEqualTo("Halt");
        assertThat(described.get("cause").asText()).isEqualTo("by hand");
        assertThat(described.get("redriveStatus").asText()).isEqualTo("REDRIVABLE");
        api.advance(Duration.ofSeconds(60));
        assertThat(api.describe(arn).get("status").asText()).as("the timer fires into nothing").isEqualTo("ABORTED");
    }

    @Test
    void redriveReopensAFailedExecutionAndDescribeReportsTheStoredRedriveDate() {
        String arn = api.start(api.createMachine("m", FLAKY_TASK), "e1", "{\"v\":1}");
        api.drain();
        assertThat(api.describe(arn).get("status").asText()).isEqualTo("FAILED");
        api.clock.advanceTo(T0.plusSeconds(30));

        ObjectNode redriven = api.call("RedriveExecution", request("executionArn", arn));
        api.drain();

        assertThat(redriven.get("redriveDate").asDouble()).isEqualTo(epochSeconds(T0.plusSeconds(30)));
        ObjectNode described = api.describe(arn);
        assertThat(described.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(described.get("output").asText()).isEqualTo("{\"v\":1}");
        assertThat(described.get("redriveCount").asInt()).isEqualTo(1);
        assertThat(described.get("redriveDate").asDouble()).isEqualTo(epochSeconds(T0.plusSeconds(30)));
        assertThat(api.store.load(arn).orElseThrow().redriveDate()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aSucceededExecutionIsNotRedrivable() {
        String arn = api.start(api.createMachine("m", ECHO_TASK), "e1", "{}");
        api.drain();

        ApiException error = api.error("RedriveExecution", request("executionArn", arn));

        assertThat(error.code()).isEqualTo("ExecutionNotRedrivable");
        assertThat(error.getMessage()).isEqualTo("Execution is SUCCEEDED and cannot be redriven");
    }

    @Test
    void listAndHistoryPageThroughTheStore() {
        String machine = api.createMachine("m", ECHO_TASK);
        api.start(machine, "a", "{}");
        api.clock.advanceTo(T0.plusSeconds(1));
        String b = api.start(machine, "b", "{}");
        api.drain();

        ObjectNode first = api.call("ListExecutions", request("stateMachineArn", machine, "maxResults", 1));
        ObjectNode second = api.call("ListExecutions", request("stateMachineArn", machine, "maxResults", 1,
                "nextToken", first.get("nextToken").asText()));
        assertThat(first.get("executions").get(0).get("name").asText()).as("newest first").isEqualTo("b");
        assertThat(second.get("executions").get(0).get("name").asText()).isEqualTo("a");
        assertThat(second.has("nextToken")).isFalse();
        assertThat(api.error("ListExecutions", request("stateMachineArn", machine, "nextToken", "bogus")).code())
                .isEqualTo("InvalidToken");

        List<String> types = new ArrayList<>();
        for (JsonNode event : api.call("GetExecutionHistory", request("executionArn", b)).get("events")) {
            types.add(event.get("type").asText());
        }
        assertThat(types).containsExactly("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled",
                "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded");
    }

    @Test
    void aStartHookChoosesTheMachineAndSeesTheExecutionBeforeItIsStored() {
        List<String> seen = new ArrayList<>();
        ApiFixture[] hooked = new ApiFixture[1];
        hooked[0] = new ApiFixture(store -> store, new StartHook() {
            @Override
            public String stateMachineArn(String requested) {
                return requested.replace("#case", "");
            }

            @Override
            public void beforeStart(String requested, String executionArn, String stateMachineName) {
                seen.add(requested + " " + executionArn + " " + stateMachineName + " stored: "
                        + hooked[0].store.load(executionArn).isPresent());
            }
        });
        String machine = hooked[0].createMachine("m", ECHO_TASK);

        String arn = hooked[0].start(machine + "#case", "e1", "{}");
        hooked[0].drain();

        assertThat(seen).containsExactly(machine + "#case " + arn + " m stored: false");
        assertThat(hooked[0].describe(arn).get("status").asText()).isEqualTo("SUCCEEDED");
    }
}
