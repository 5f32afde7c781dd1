package io.stepwise.integrations.awssdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.integrations.IntegrationContract;
import io.stepwise.integrations.Moto;
import io.stepwise.integrations.aws.AwsService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code aws-sdk:s3}: the contract on putObject (a streaming input), then getObject (a streaming output). */
class AwsSdkS3Test extends IntegrationContract {
    private S3Client s3;
    private String bucket;

    @BeforeEach
    void createBucket() {
        s3 = Moto.client(clients, AwsService.S3);
        bucket = Moto.createBucket(s3, "bucket-");
    }

    @Override
    protected String resource() {
        return "arn:aws:states:::aws-sdk:s3:putObject";
    }

    @Override
    protected ObjectNode validParameters() {
        return json("{\"Key\": \"orders/7.json\", \"Body\": {\"order\": 7}, \"ContentType\": \"application/json\"}")
                .put("Bucket", bucket);
    }

    @Override
    protected ObjectNode refusedParameters() {
        return json("{\"Key\": \"k\", \"Body\": \"x\"}").put("Bucket", bucket + "-missing");
    }

    @Override
    protected String refusedError() {
        return "S3.NoSuchBucketException";
    }

    @Override
    protected String typedMember() {
        return "ContentType";
    }

    @Override
    protected void assertCalled(JsonNode output) {
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("orders/7.json")).asUtf8String())
                .isEqualTo("{\"order\":7}");
        assertThat(output.path("ETag").asText()).isNotEmpty();
        assertThat(output.has("SdkHttpMetadata")).isFalse();
    }

    @Test
    void getObjectAnswersTheBodyAsText() {
        invoke(resource(), validParameters());
        TaskOutcome outcome = invoke("arn:aws:states:::aws-sdk:s3:getObject",
                json("{\"Key\": \"orders/7.json\"}").put("Bucket", bucket));
        JsonNode output = ((TaskOutcome.Succeeded) outcome).output();
        assertThat(output.path("Body").asText()).isEqualTo("{\"order\":7}");
        assertThat(output.path("ContentType").asText()).isEqualTo("application/json");
        assertThat(output.path("ContentLength").asLong()).isEqualTo(11);
    }

    @Test
    void aMissingKeyIsNoSuchKeyException() {
        TaskOutcome outcome = invoke("arn:aws:states:::aws-sdk:s3:getObject",
                json("{\"Key\": \"no_such_key.json\"}").put("Bucket", bucket));
        assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class, failed -> {
            assertThat(failed.error()).isEqualTo("S3.NoSuchKeyException");
            assertThat(failed.cause()).startsWith("The specified key does not exist. (Service: S3, Status Code: 404");
        });
    }

    @Test
    void unknownActionsAndServicesHaveNoIntegration() {
        assertThat(integrations.find("arn:aws:states:::aws-sdk:s3:noSuchAction")).isEmpty();
        assertThat(integrations.find("arn:aws:states:::aws-sdk:nosuchservice:getThing")).isEmpty();
    }
}
