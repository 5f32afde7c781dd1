package io.stepwise.runtime;

/**
 * A scheduled activity task waiting for a worker.
 *
 * @param input the task input as JSON text
 */
public record ActivityTask(String activityArn, String executionArn, String taskToken, String input) {
}
