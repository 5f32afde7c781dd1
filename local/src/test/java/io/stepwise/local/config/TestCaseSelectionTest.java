package io.stepwise.local.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.api.ApiException;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.query.Json;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestCaseSelectionTest {
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:orders:e1";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:charge";

    private final MockedIntegrations mocks = new MockedIntegrations(MockConfig.parse(Json.parse("""
            {"StateMachines": {"orders": {"TestCases": {"HappyPath": {"Charge": "Charged"}}}},
             "MockedResponses": {"Charged": {"0": {"Return": {"charged": true}}}}}""")),
            resource -> Optional.of(request -> new TaskOutcome.Succeeded(Json.parse("\"real\""))));

    @Test
    void theTestCaseSuffixIsStrippedAndTheExecutionBoundToItBeforeItStarts() {
        TestCaseSelection selection = new TestCaseSelection(mocks);

        assertThat(selection.stateMachineArn(MACHINE + "#HappyPath")).isEqualTo(MACHINE);
        assertThat(selection.stateMachineArn(MACHINE)).isEqualTo(MACHINE);
        selection.beforeStart(MACHINE + "#HappyPath", EXECUTION, "orders");

        TaskOutcome charged = mocks.find(FUNCTION).orElseThrow().invoke(new TaskRequest(EXECUTION, "Charge", FUNCTION,
                Json.parse("{}"), null, null, null, null));
        assertThat(charged).isEqualTo(new TaskOutcome.Succeeded(Json.parse("{\"charged\":true}")));
    }

    @Test
    void anUnknownTestCaseOrAnyTestCaseWithoutAMockConfigurationIsAValidationError() {
        assertThatThrownBy(() -> new TestCaseSelection(mocks).beforeStart(MACHINE + "#SadPath", EXECUTION, "orders"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("ValidationException"))
                .hasMessage("Test case 'SadPath' is not defined for state machine 'orders' in the mock configuration");
        assertThatThrownBy(() -> new TestCaseSelection(null).beforeStart(MACHINE + "#HappyPath", EXECUTION, "orders"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("ValidationException"));
    }

    @Test
    void aPlainArnNeedsNoMockConfiguration() {
        new TestCaseSelection(null).beforeStart(MACHINE, EXECUTION, "orders");
    }
}
