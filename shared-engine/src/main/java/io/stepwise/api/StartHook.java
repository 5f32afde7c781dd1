package io.stepwise.api;

/**
 * Lets a runtime read more into StartExecution's {@code stateMachineArn} than AWS does. Stepwise's local server uses
 * it for the mock configuration's {@code <arn>#<TestCase>} syntax (AWS Step Functions Local); on AWS there is
 * none, and such an ARN is invalid.
 */
public interface StartHook {
    StartHook NONE = new StartHook() {
        @Override
        public String stateMachineArn(String requested) {
            return requested;
        }

        @Override
        public void beforeStart(String requested, String executionArn, String stateMachineName) {
        }
    };

    /** The ARN of the state machine, version or alias to start, out of the {@code stateMachineArn} requested. */
    String stateMachineArn(String requested);

    /**
     * Called with each execution about to start, before any of it runs (its first task may be dispatched at once).
     *
     * @throws ApiException to refuse the start, e.g. when the requested test case is not configured
     */
    void beforeStart(String requested, String executionArn, String stateMachineName);
}
