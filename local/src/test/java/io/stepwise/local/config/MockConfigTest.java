package io.stepwise.local.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.query.Json;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MockConfigTest {
    private static final String CONFIG = """
            {"StateMachines": {"orders": {"TestCases": {"HappyPath": {"Charge": "ChargeFlaky"}}}},
             "MockedResponses": {"ChargeFlaky": {
               "0": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "slow"}},
               "1-2": {"Return": {"charged": true}}}}}""";
    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:orders:e1";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:charge";

    private final MockedIntegrations mocks = new MockedIntegrations(MockConfig.parse(Json.parse(CONFIG)),
            resource -> Optional.of(request -> new TaskOutcome.Succeeded(Json.parse("\"real\""))));

    private TaskOutcome call(String executionArn, String state) {
        Integration integration = mocks.find(FUNCTION).orElseThrow();
        return integration.invoke(new TaskRequest(executionArn, state, FUNCTION, Json.parse("{}"), null, null, null,
                null));
    }

    @Test
    void answersAttemptByAttemptThenFailsWithStatesRuntimeLikeStepFunctionsLocal() {
        assertThat(mocks.select(EXECUTION, "orders", "HappyPath")).isTrue();

        assertThat(call(EXECUTION, "Charge")).isEqualTo(new TaskOutcome.Failed("Lambda.TimeoutException", "slow"));
        assertThat(call(EXECUTION, "Charge")).isEqualTo(new TaskOutcome.Succeeded(Json.parse("{\"charged\":true}")));
        assertThat(call(EXECUTION, "Charge")).isEqualTo(new TaskOutcome.Succeeded(Json.parse("{\"charged\":true}")));
        assertThat(call(EXECUTION, "Charge")).isInstanceOfSatisfying(TaskOutcome.Failed.class,
                failed -> assertThat(failed.error()).isEqualTo("States.Runtime"));
    }

    @Test
    void unmockedStatesAndExecutionsWithoutATestCaseCallTheRealIntegration() {
        mocks.select(EXECUTION, "orders", "HappyPath");

        assertThat(call(EXECUTION, "Ship")).isEqualTo(new TaskOutcome.Succeeded(Json.parse("\"real\"")));
        assertThat(call(EXECUTION + "-other", "Charge")).isEqualTo(new TaskOutcome.Succeeded(Json.parse("\"real\"")));
    }

    @Test
    void anUnknownTestCaseIsNotSelected() {
        assertThat(mocks.select(EXECUTION, "orders", "SadPath")).isFalse();
        assertThat(mocks.select(EXECUTION, "payments", "HappyPath")).isFalse();
    }

    @Test
    void refusesInconsistentConfigurations() {
        assertThatThrownBy(() -> MockConfig.parse(Json.parse("""
                {"StateMachines": {"m": {"TestCases": {"t": {"S": "Missing"}}}}, "MockedResponses": {}}""")))
                .hasMessageContaining("undefined mocked response 'Missing'");
        assertThatThrownBy(() -> MockConfig.parse(Json.parse("""
                {"StateMachines": {}, "MockedResponses": {"R": {"0": {"Return": 1, "Throw": {}}}}}""")))
                .hasMessageContaining("exactly one of 'Return' or 'Throw'");
        assertThatThrownBy(() -> MockConfig.parse(Json.parse("""
                {"StateMachines": {}, "MockedResponses": {"R": {"first": {"Return": 1}}}}""")))
                .hasMessageContaining("attempt keys");
        assertThatThrownBy(() -> MockConfig.parse(Json.parse("""
                {"StateMachines": {}, "MockedResponses": {"R": {"0": {"Throw": {"Error": "E"}}}}}""")))
                .hasMessageContaining("'Error' and 'Cause'");
    }
}
