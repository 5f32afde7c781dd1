package io.stepwise.engine;

import java.time.Instant;

/**
 * What StartExecution knows about a new execution.
 *
 * @param inputText the input exactly as given; AWS echoes it unchanged in the first events
 * @param seed secret randomness for task tokens and the random intrinsic functions
 */
public record ExecutionStart(
        String executionArn, String name, String stateMachineArn, String stateMachineName, String roleArn,
        String region, String inputText, Instant startTime, long seed) {
}
