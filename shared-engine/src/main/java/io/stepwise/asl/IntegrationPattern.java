package io.stepwise.asl;

/**
 * How a Task waits for a service integration, chosen by the suffix of its {@code Resource}
 * (Step Functions guide, "Discover service integration patterns").
 */
public enum IntegrationPattern {
    /** No suffix: the task ends with the service's response. */
    REQUEST_RESPONSE(""),
    /** {@code .sync}: the task ends when the job it started ends. */
    RUN_JOB(".sync"),
    /** {@code .sync:2}: as {@link #RUN_JOB}, with the job's output parsed as JSON (Step Functions only). */
    RUN_JOB_V2(".sync:2"),
    /** {@code .waitForTaskToken}: the task ends when a task token it passed on is reported back. */
    WAIT_FOR_TASK_TOKEN(".waitForTaskToken");

    private final String suffix;

    IntegrationPattern(String suffix) {
        this.suffix = suffix;
    }

    /** The suffix that asks for this pattern, empty for {@link #REQUEST_RESPONSE}. */
    public String suffix() {
        return suffix;
    }

    /** Whether the task runs a job to completion ({@code .sync} or {@code .sync:2}). */
    public boolean isSync() {
        return this == RUN_JOB || this == RUN_JOB_V2;
    }

    /** The pattern a resource's suffix asks for; any resource without a known suffix is request-response. */
    public static IntegrationPattern ofSuffix(String resource) {
        for (IntegrationPattern pattern : values()) {
            if (pattern != REQUEST_RESPONSE && resource.endsWith(pattern.suffix)) {
                return pattern;
            }
        }
        return REQUEST_RESPONSE;
    }
}
