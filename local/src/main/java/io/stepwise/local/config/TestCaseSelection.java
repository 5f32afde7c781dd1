package io.stepwise.local.config;

import io.stepwise.api.ApiException;
import io.stepwise.api.StartHook;

/**
 * The mock configuration's way of choosing a test case (AWS Step Functions Local): StartExecution with
 * {@code stateMachineArn = "<arn>#<TestCase>"} starts {@code <arn>} with the test case's mocked responses. A test
 * case that is not configured, or any test case when the server runs without a mock configuration, is refused.
 */
public final class TestCaseSelection implements StartHook {
    private final MockedIntegrations mocks;

    /** @param mocks the mocked integrations, or {@code null} when the server has no mock configuration */
    public TestCaseSelection(MockedIntegrations mocks) {
        this.mocks = mocks;
    }

    @Override
    public String stateMachineArn(String requested) {
        int hash = requested.indexOf('#');
        return hash < 0 ? requested : requested.substring(0, hash);
    }

    /** Binds the execution to its test case before it starts, since its first task may be dispatched at once. */
    @Override
    public void beforeStart(String requested, String executionArn, String stateMachineName) {
        int hash = requested.indexOf('#');
        if (hash < 0) {
            return;
        }
        String testCase = requested.substring(hash + 1);
        if (mocks == null || !mocks.select(executionArn, stateMachineName, testCase)) {
            throw ApiException.of("ValidationException", "Test case '" + testCase + "' is not defined for state"
                    + " machine '" + stateMachineName + "' in the mock configuration");
        }
    }
}
