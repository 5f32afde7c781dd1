package io.stepwise.cdk;

import java.util.Objects;

/**
 * What a deployment of Stepwise may choose.
 *
 * @param functionsJar the shaded jar of module {@code functions} (all five Lambda functions run it); it must exist
 *     when the stack is synthesized
 * @param kmsKeyArn a customer-managed KMS key to encrypt the tables, queues and payload bucket with, or
 *     {@code null} for AWS-managed encryption
 * @param alarmTopicArn an SNS topic every alarm of the stack notifies when it goes into alarm, or {@code null} for
 *     alarms that only show in CloudWatch
 * @param logGroupPrefix the name prefix of the CloudWatch Logs log groups state machines may send execution logs to
 *     (their logging configurations name the groups only at run time, so the functions may write to any group under
 *     this prefix and to no other); {@code null} for {@link #DEFAULT_LOG_GROUP_PREFIX}
 * @param api the kind of API Gateway API in front of the API function; {@code null} for {@link ApiKind#HTTP}
 * @param workerMemoryMb the memory of the transition and task workers; {@code null} for
 *     {@link #DEFAULT_WORKER_MEMORY_MB}
 */
public record StepwiseOptions(String functionsJar, String kmsKeyArn, String alarmTopicArn, String logGroupPrefix,
        ApiKind api, Integer workerMemoryMb) {
    /** The prefix AWS recommends for Step Functions' log groups, which keeps their resource policy short. */
    public static final String DEFAULT_LOG_GROUP_PREFIX = "/aws/vendedlogs/states/";
    /**
     * The workers wait on DynamoDB, SQS and the integrations far more than they compute: below 1,769 MB Lambda's
     * CPU share shrinks with memory, so their CPU-bound time costs the same GB-seconds at any size and only the
     * waiting gets cheaper with less (BENCHMARKS.md, "cost per state transition"). Large Map states or many EXPRESS
     * children at once may want more.
     */
    public static final int DEFAULT_WORKER_MEMORY_MB = 512;

    public StepwiseOptions {
        Objects.requireNonNull(functionsJar, "functionsJar");
        logGroupPrefix = logGroupPrefix == null || logGroupPrefix.isBlank() ? DEFAULT_LOG_GROUP_PREFIX
                : logGroupPrefix;
        api = api == null ? ApiKind.HTTP : api;
        workerMemoryMb = workerMemoryMb == null ? DEFAULT_WORKER_MEMORY_MB : workerMemoryMb;
        if (workerMemoryMb < 128 || workerMemoryMb > 10_240) {
            throw new IllegalArgumentException("workerMemoryMb must be within Lambda's 128-10240 MB: " + workerMemoryMb);
        }
    }

    /** With workers of {@link #DEFAULT_WORKER_MEMORY_MB}. */
    public StepwiseOptions(String functionsJar, String kmsKeyArn, String alarmTopicArn, String logGroupPrefix,
            ApiKind api) {
        this(functionsJar, kmsKeyArn, alarmTopicArn, logGroupPrefix, api, null);
    }

    /** Behind the default API, an HTTP API. */
    public StepwiseOptions(String functionsJar, String kmsKeyArn, String alarmTopicArn, String logGroupPrefix) {
        this(functionsJar, kmsKeyArn, alarmTopicArn, logGroupPrefix, null);
    }

    /** Behind an HTTP API, without an alarm topic, logging to groups under {@link #DEFAULT_LOG_GROUP_PREFIX}. */
    public StepwiseOptions(String functionsJar, String kmsKeyArn) {
        this(functionsJar, kmsKeyArn, null, null, null);
    }
}
