package io.stepwise.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.query.Json;
import org.junit.jupiter.api.Test;

class SdkModelShapesTest {
    private final SdkModelShapes shapes = new SdkModelShapes();

    @Test
    void membersAreCheckedByTheirCapitalisedNamesAndJsonTypes() {
        assertThat(shapes.violation("arn:aws:states:::sqs:sendMessage",
                Json.parse("{\"MessageId\":\"m-1\",\"MD5OfMessageBody\":\"abc\"}"), true)).isEmpty();
        assertThat(shapes.violation("arn:aws:states:::dynamodb:getItem",
                Json.parse("{\"ConsumedCapacity\":{\"CapacityUnits\":\"1\"}}"), false))
                .contains("Field 'CapacityUnits' must be a number");
        assertThat(shapes.violation("arn:aws:states:::events:putEvents",
                Json.parse("{\"Entries\":[{\"EventId\":\"a\"},{\"EventId\":[1]}]}"), false))
                .contains("Field 'EventId' must be a string");
    }

    @Test
    void lengthsRangesAndRequiredMembersComeFromBotocoresModel() {
        assertThat(shapes.violation("arn:aws:states:::aws-sdk:kms:encrypt",
                Json.parse("{\"CiphertextBlob\":\"\"}"), false))
                .contains("Field 'CiphertextBlob' is smaller than the minimum length");
        assertThat(shapes.violation("arn:aws:states:::aws-sdk:lambda:getFunction",
                Json.parse("{\"Configuration\":{\"MemorySize\":127}}"), false))
                .contains("Field 'MemorySize' is less than the minimum value");
        assertThat(shapes.violation("arn:aws:states:::aws-sdk:lambda:getFunction",
                Json.parse("{\"Configuration\":{\"MemorySize\":32769}}"), false))
                .contains("Field 'MemorySize' exceeds the maximum value");
        assertThat(shapes.violation("arn:aws:states:::states:startExecution",
                Json.parse("{\"executionArn\":\"a\",\"startDate\":\"b\"}"), true))
                .contains("Required field 'ExecutionArn' is missing");
    }

    @Test
    void enumsAreCheckedAndUnknownMembersLetThrough() {
        assertThat(shapes.violation("arn:aws:states:::aws-sdk:s3:getObject",
                Json.parse("{\"StorageClass\":\"GLACIER\",\"Whatever\":1}"), false)).isEmpty();
        assertThat(shapes.violation("arn:aws:states:::aws-sdk:s3:getObject",
                Json.parse("{\"StorageClass\":\"Papyrus\"}"), false))
                .contains("Field 'StorageClass' is not an expected value");
    }

    @Test
    void blobsAreJsonInOptimisedIntegrationsAndTextInSdkIntegrations() {
        assertThat(shapes.violation("arn:aws:states:::lambda:invoke",
                Json.parse("{\"StatusCode\":200,\"Payload\":{\"ok\":true}}"), true)).isEmpty();
        assertThat(shapes.violation("arn:aws:states:::aws-sdk:kms:encrypt",
                Json.parse("{\"CiphertextBlob\":1}"), false)).contains("Field 'CiphertextBlob' must be a string");
    }

    @Test
    void callbackResultsAndUnknownServicesAreNotChecked() {
        assertThat(shapes.violation("arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                Json.parse("{\"MessageId\":5}"), true)).isEmpty();
        assertThat(shapes.violation("arn:aws:states:::glue:startJobRun", Json.parse("{\"JobRunId\":5}"), true))
                .isEmpty();
        assertThat(shapes.violation("arn:aws:states:::states:startExecution.sync",
                Json.parse("{\"Status\":5}"), false)).contains("Field 'Status' must be a string");
    }
}
