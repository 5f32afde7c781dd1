package io.stepwise.integrations.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * How a service's errors are named to Retry and Catch: {@code <prefix>.<ErrorName>}.
 *
 * @param prefix   the service part, e.g. {@code DynamoDb} for {@code aws-sdk:dynamodb}, {@code DynamoDB} for the
 *                 optimized {@code dynamodb:putItem}
 * @param fallback the error name of service errors the model does not declare; {@code null} to use the error code
 *                 with AWS's {@code Exception} suffix
 * @param modeled  whether errors the model declares keep their own name (else every service error is
 *                 {@code fallback}, as the optimized SQS integration reports {@code SQS.AmazonSQSException})
 */
public record ErrorNames(String prefix, String fallback, boolean modeled) {

    /** AWS SDK integrations: "Both service name and error name are in PascalCase", errors carry the suffix. */
    public static ErrorNames awsSdk(AwsService service) {
        return new ErrorNames(service.errorPrefix(), null, true);
    }

    public String of(AwsServiceException e) {
        // The SDK's service base exception (SqsException, S3Exception) is the direct subclass of
        // AwsServiceException; a declared error (QueueDoesNotExistException) extends that base.
        boolean declared = e.getClass().getSuperclass() != AwsServiceException.class
                && e.getClass() != AwsServiceException.class;
        if (declared && modeled) {
            return prefix + "." + e.getClass().getSimpleName();
        }
        if (fallback != null) {
            return prefix + "." + fallback;
        }
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        if (code == null || code.isBlank()) {
            return prefix + "." + e.getClass().getSimpleName();
        }
        // Query-protocol codes can be dotted (AWS.SimpleQueueService.NonExistentQueue): the last part names it.
        String name = code.substring(Math.max(code.lastIndexOf('.'), code.lastIndexOf('#')) + 1);
        return prefix + "." + (name.endsWith("Exception") ? name : name + "Exception");
    }

    /** Errors before any answer from the service (no connection, no credentials), named as the SDK names them. */
    public String client() {
        return prefix + ".SdkClientException";
    }
}
