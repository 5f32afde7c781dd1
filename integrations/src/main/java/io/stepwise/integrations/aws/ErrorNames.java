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

    /**
     * The cause of a service error. {@code aws-sdk:} integrations word it as the SDK for Java v2 did when AWS
     * recorded it: the service's message and {@code (Service: S3, Status Code: 404, Request ID: …, Extended
     * Request ID: …)}, without the SDK's later {@code (SDK Attempt Count: n)}. Optimized integrations keep the
     * SDK's own text.
     */
    public String cause(AwsServiceException e) {
        if (fallback != null || e.awsErrorDetails() == null) {
            return e.getMessage();
        }
        StringBuilder cause = new StringBuilder();
        String message = e.awsErrorDetails().errorMessage();
        cause.append(message == null ? "" : message).append(" (Service: ").append(e.awsErrorDetails().serviceName())
                .append(", Status Code: ").append(e.statusCode()).append(", Request ID: ").append(e.requestId());
        if (e.extendedRequestId() != null) {
            cause.append(", Extended Request ID: ").append(e.extendedRequestId());
        }
        return cause.append(')').toString();
    }

    /** Errors before any answer from the service (no connection, no credentials), named as the SDK names them. */
    public String client() {
        return prefix + ".SdkClientException";
    }
}
