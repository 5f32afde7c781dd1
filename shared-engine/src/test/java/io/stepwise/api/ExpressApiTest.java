package io.stepwise.api;

import static io.stepwise.api.ApiFixture.ECHO;
import static io.stepwise.api.ApiFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Express executions: synchronous ones in the caller's thread, asynchronous ones through the launcher port. */
class ExpressApiTest {
    private static final String ECHO_TASK = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(ECHO);
    private static final String FAIL = """
            {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Broke","Cause":"on purpose"}}}""";

    private final ApiFixture api = new ApiFixture();

    @Test
    void aSynchronousExecutionRunsInTheCallersThreadAndAnswersWithItsResult() {
        String machine = api.createMachine("x", ECHO_TASK, "EXPRESS");

        ObjectNode result = api.call("StartSyncExecution", request("stateMachineArn", machine, "name", "s1",
                "input", "{\"v\":1}"));

        assertThat(api.echoThreads).containsExactly(Thread.currentThread());
        assertThat(api.work).as("nothing handed to another runner").isEmpty();
        assertThat(result.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(result.get("output").asText()).isEqualTo("{\"v\":1}");
        assertThat(result.get("executionArn").asText())
                .startsWith("arn:aws:states:us-east-1:123456789012:express:x:s1:");
        assertThat(result.get("billingDetails").get("billedDurationInMilliseconds").asLong()).isGreaterThan(0);
    }

    @Test
    void aFailedSynchronousExecutionAnswersWithItsErrorAndCause() {
        String machine = api.createMachine("x", FAIL, "EXPRESS");

        ObjectNode result = api.call("StartSyncExecution", request("stateMachineArn", machine));

        assertThat(result.get("status").asText()).isEqualTo("FAILED");
        assertThat(result.get("error").asText()).isEqualTo("Broke");
        assertThat(result.get("cause").asText()).isEqualTo("on purpose");
        assertThat(result.has("output")).isFalse();
    }

    @Test
    void onlyExpressMachinesRunSynchronously() {
        String machine = api.createMachine("m", ECHO_TASK);

        assertThat(api.error("StartSyncExecution", request("stateMachineArn", machine)).code())
                .isEqualTo("StateMachineTypeNotSupported");
    }

    @Test
    void anAsynchronousExecutionIsHandedToTheLauncherAndKeepsNoRecord() {
        String machine = api.createMachine("x", ECHO_TASK, "EXPRESS");

        String arn = api.start(machine, "a1", "{}");

        assertThat(api.echoThreads).as("the API returns before the execution runs").isEmpty();
        api.drain();
        assertThat(api.echoThreads).hasSize(1);
        assertThat(arn).startsWith("arn:aws:states:us-east-1:123456789012:express:x:a1:");
        assertThat(api.error("DescribeExecution", request("executionArn", arn)).code()).isEqualTo("InvalidArn");
        assertThat(api.store.load(arn)).isEmpty();
    }

    @Test
    void aLauncherWithoutRoomThrottlesTheStart() {
        String machine = api.createMachine("x", ECHO_TASK, "EXPRESS");
        api.expressCapacity = 0;

        ApiException error = api.error("StartExecution", request("stateMachineArn", machine));

        assertThat(error.code()).isEqualTo("ThrottlingException");
        assertThat(error.httpStatus()).isEqualTo(400);
    }
}
