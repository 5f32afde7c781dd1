package io.stepwise.engine.port;

import java.time.Instant;

/**
 * One child execution of a Map Run as ResultWriter reports it.
 *
 * @param status {@code SUCCEEDED}, {@code FAILED}, {@code TIMED_OUT}, {@code ABORTED} or, for children that never
 *     ended, {@code RUNNING}/{@code PENDING}
 * @param input the child's input as JSON text
 * @param output its output as JSON text, or {@code null}
 * @param error its error, or {@code null}
 * @param cause its cause, or {@code null}
 */
public record ChildResult(
        String executionArn, String name, String stateMachineArn, String status, String input, String output,
        String error, String cause, Instant startDate, Instant stopDate, int redriveCount) {
}
