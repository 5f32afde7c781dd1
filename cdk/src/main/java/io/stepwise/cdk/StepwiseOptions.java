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
 * @param api the kind of API Gateway API in front of the API function; {@code null} for {@link ApiKind#REST}
 */
public record StepwiseOptions(String functionsJar, String kmsKeyArn, String alarmTopicArn, String logGroupPrefix,
        ApiKind api) {
    /** The prefix AWS recommends for Step Functions' log groups, which keeps their resource policy short. */
    public static final String DEFAULT_LOG_GROUP_PREFIX = "/aws/vendedlogs/states/";

    public StepwiseOptions {
        Objects.requireNonNull(functionsJar, "functionsJar");
        logGroupPrefix = logGroupPrefix == null || logGroupPrefix.isBlank() ? DEFAULT_LOG_GROUP_PREFIX
                : logGroupPrefix;
        api = api == null ? ApiKind.REST : api;
    }

    /** Behind a REST API. */
    public StepwiseOptions(String functionsJar, String kmsKeyArn, String alarmTopicArn, String logGroupPrefix) {
        this(functionsJar, kmsKeyArn, alarmTopicArn, logGroupPrefix, ApiKind.REST);
    }

    /** Behind a REST API, without an alarm topic, logging to groups under {@link #DEFAULT_LOG_GROUP_PREFIX}. */
    public StepwiseOptions(String functionsJar, String kmsKeyArn) {
        this(functionsJar, kmsKeyArn, null, null, ApiKind.REST);
    }
}
