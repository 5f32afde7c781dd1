package io.stepwise.integrations.aws;

import java.util.Map;
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
     * The service names of the AWS SDK for Java v1, in which Step Functions words the causes of optimized
     * integrations' service errors: recorded for Lambda ({@code services/lambda/error_handling/
     * TestTaskServiceLambda.test_no_such_function}); the others are unverified (unverified-cause-texts.txt).
     */
    private static final Map<String, String> SDK_V1_SERVICE_NAMES = Map.of(
            "Lambda", "AWSLambda",
            "DynamoDB", "AmazonDynamoDBv2",
            "SQS", "AmazonSQS",
            "SNS", "AmazonSNS",
            "EventBridge", "AmazonEventBridge",
            "StepFunctions", "AWSStepFunctions");

    /**
     * The cause of a service error as Step Functions words it. {@code aws-sdk:} integrations use the SDK for Java v2
     * wording of the time AWS recorded it: the service's message and {@code (Service: S3, Status Code: 404, Request
     * ID: …, Extended Request ID: …)}, without the SDK's later {@code (SDK Attempt Count: n)}. Optimized integrations
     * use the SDK for Java v1 wording: {@code (Service: AWSLambda; Status Code: 404; Error Code: …; Request ID: …;
     * Proxy: null)}.
     */
    public String cause(AwsServiceException e) {
        if (e.awsErrorDetails() == null) {
            return e.getMessage();
        }
        String message = e.awsErrorDetails().errorMessage() == null ? "" : e.awsErrorDetails().errorMessage();
        StringBuilder cause = new StringBuilder(message);
        if (fallback == null) {
            cause.append(" (Service: ").append(e.awsErrorDetails().serviceName()).append(", Status Code: ")
                    .append(e.statusCode()).append(", Request ID: ").append(e.requestId());
            if (e.extendedRequestId() != null) {
                cause.append(", Extended Request ID: ").append(e.extendedRequestId());
            }
            return cause.append(')').toString();
        }
        String service = SDK_V1_SERVICE_NAMES.get(prefix);
        if (service == null) {
            return e.getMessage();
        }
        return cause.append(" (Service: ").append(service).append("; Status Code: ").append(e.statusCode())
                .append("; Error Code: ").append(e.awsErrorDetails().errorCode()).append("; Request ID: ")
                .append(e.requestId()).append("; Proxy: null)").toString();
    }

    /** Errors before any answer from the service (no connection, no credentials), named as the SDK names them. */
    public String client() {
        return prefix + ".SdkClientException";
    }
}
