package io.stepwise.functions;

import java.util.Optional;

/**
 * Who started each Standard execution, kept with the execution. Step Functions has no field for it (AWS leaves it
 * to CloudTrail's {@code userIdentity}); Stepwise on AWS keeps it in its own table so an operator can answer "who
 * started this" without a trail.
 */
public interface ExecutionCallers {
    ExecutionCallers NONE = new ExecutionCallers() {
        @Override
        public void record(String executionArn, CallerIdentity caller) {
        }

        @Override
        public Optional<CallerIdentity> of(String executionArn) {
            return Optional.empty();
        }
    };

    /**
     * Records the caller of the StartExecution that created {@code executionArn}. The first one stays: an
     * idempotent repeat of the start (same name and input) by someone else does not replace it.
     */
    void record(String executionArn, CallerIdentity caller);

    /** The recorded caller, empty for executions started before callers were recorded or with no identity. */
    Optional<CallerIdentity> of(String executionArn);
}
