package io.stepwise.engine.port;

/**
 * Binds a callback task token to the task it answers. Stores keep only a hash of {@code token}.
 *
 * @param ref the ref of the {@code InvokeTask} command, delivered back in the task's trigger
 */
public record TaskTokenGrant(String token, String executionArn, String ref) {
}
