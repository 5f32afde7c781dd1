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
 */
public record StepwiseOptions(String functionsJar, String kmsKeyArn, String alarmTopicArn) {

    public StepwiseOptions {
        Objects.requireNonNull(functionsJar, "functionsJar");
    }

    /** Without an alarm topic. */
    public StepwiseOptions(String functionsJar, String kmsKeyArn) {
        this(functionsJar, kmsKeyArn, null);
    }
}
