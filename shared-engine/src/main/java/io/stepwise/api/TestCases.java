package io.stepwise.api;

/**
 * The test cases of a mock configuration (AWS Step Functions Local), chosen per execution by starting it with
 * {@code stateMachineArn = "<arn>#<TestCase>"}.
 */
@FunctionalInterface
public interface TestCases {
    TestCases NONE = (executionArn, stateMachineName, testCase) -> false;

    /** Binds the execution to the test case; returns {@code false} when no such test case is configured. */
    boolean select(String executionArn, String stateMachineName, String testCase);
}
