package io.stepwise.engine.port;

/**
 * An integration that can also tell what it sent and received over HTTP, for TestState at {@code inspectionLevel}
 * TRACE. Only the HTTP Task is one today, as on AWS.
 */
public interface TracingIntegration extends Integration {

    /**
     * Calls the service as {@link #invoke} does and reports the exchange with it.
     *
     * @param revealSecrets whether the trace shows what the task's EventBridge connection added to the request
     *     (authorization, header, query-string and body parameters); without it they are left out, as AWS omits
     *     them unless TestState's {@code revealSecrets} is set
     */
    Traced invokeTraced(TaskRequest request, boolean revealSecrets);

    /** @param trace {@code null} when the call failed before a request was made (e.g. an invalid parameter) */
    record Traced(TaskOutcome outcome, HttpTrace trace) {
    }
}
