package io.stepwise.functions;

/**
 * One API request as the API function answered it, for the audit log: never a payload, only who did what to
 * which execution.
 *
 * @param executionArn the execution the call started, {@code null} for other operations
 * @param errorCode AWS's error code when the call failed, else {@code null}
 */
public record ApiCall(String requestId, String operation, CallerIdentity caller, int status, String executionArn,
        String errorCode) {
}
