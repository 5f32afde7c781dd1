package io.stepwise.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Service errors are named and worded as Step Functions reports them. */
class ErrorNamesTest {
    private static AwsServiceException noSuchKey(String extendedRequestId) {
        return NoSuchKeyException.builder().statusCode(404).requestId("REQ").extendedRequestId(extendedRequestId)
                .message("The specified key does not exist. (Service: S3, Status Code: 404, Request ID: REQ)"
                        + " (SDK Attempt Count: 1)")
                .awsErrorDetails(AwsErrorDetails.builder().serviceName("S3").errorCode("NoSuchKey")
                        .errorMessage("The specified key does not exist.").build())
                .build();
    }

    @Test
    void awsSdkCausesAreWordedAsRecordedWithoutTheAttemptCount() {
        ErrorNames s3 = ErrorNames.awsSdk(AwsService.S3);

        assertThat(s3.of(noSuchKey("EXT"))).isEqualTo("S3.NoSuchKeyException");
        // Recorded: services/s3/error_handling/test_s3_no_such_key.
        assertThat(s3.cause(noSuchKey("EXT"))).isEqualTo("The specified key does not exist. (Service: S3, "
                + "Status Code: 404, Request ID: REQ, Extended Request ID: EXT)");
        assertThat(s3.cause(noSuchKey(null)))
                .isEqualTo("The specified key does not exist. (Service: S3, Status Code: 404, Request ID: REQ)");
    }

    @Test
    void optimizedIntegrationsWordCausesAsTheSdkForJavaV1() {
        AwsServiceException notFound = software.amazon.awssdk.services.lambda.model.ResourceNotFoundException
                .builder().statusCode(404).requestId("REQ")
                .awsErrorDetails(AwsErrorDetails.builder().serviceName("Lambda").errorCode("ResourceNotFoundException")
                        .errorMessage("Function not found: arn:aws:lambda:us-east-1:111111111111:function:f:$LATEST")
                        .build())
                .build();

        // Recorded: services/lambda/error_handling/TestTaskServiceLambda.test_no_such_function.
        assertThat(new ErrorNames("Lambda", "AWSLambdaException", true).cause(notFound)).isEqualTo(
                "Function not found: arn:aws:lambda:us-east-1:111111111111:function:f:$LATEST (Service: AWSLambda; "
                        + "Status Code: 404; Error Code: ResourceNotFoundException; Request ID: REQ; Proxy: null)");
        AwsServiceException missingTable = ResourceNotFoundException.builder().statusCode(400).requestId("R2")
                .awsErrorDetails(AwsErrorDetails.builder().serviceName("DynamoDb").errorCode("ResourceNotFoundException")
                        .errorMessage("Requested resource not found").build())
                .build();
        assertThat(new ErrorNames("DynamoDB", "AmazonDynamoDBException", true).cause(missingTable)).isEqualTo(
                "Requested resource not found (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: "
                        + "ResourceNotFoundException; Request ID: R2; Proxy: null)");
    }
}
