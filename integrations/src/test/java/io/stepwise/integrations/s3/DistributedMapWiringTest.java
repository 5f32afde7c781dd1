package io.stepwise.integrations.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.engine.port.ChildResult;
import io.stepwise.engine.port.ItemSource;
import io.stepwise.engine.port.ResultTarget;
import io.stepwise.integrations.Moto;
import io.stepwise.integrations.ServiceIntegrations;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.query.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The runtimes get the Distributed Map's reader and writer from the {@link ServiceIntegrations} they already build
 * from the {@code aws} settings ({@code stepwise.json} locally, the Lambda environment on AWS), so both reach S3
 * exactly where the Task integrations do.
 */
class DistributedMapWiringTest {

    @Test
    void theServiceIntegrationsReadAndWriteS3WhereTheirSettingsPoint() {
        try (ServiceIntegrations services = new ServiceIntegrations(new AwsClients(Moto.settings()), false);
                AwsClients own = Moto.clients()) {
            S3Client s3 = own.client(AwsService.S3, null, null);
            String bucket = Moto.createBucket(s3, "wired-");
            s3.putObject(b -> b.bucket(bucket).key("items.json"), RequestBody.fromString("[1, 2]"));

            List<JsonNode> items = services.itemReader().read(new ItemSource("arn:aws:states:::s3:getObject",
                    Json.MAPPER.createObjectNode().put("Bucket", bucket).put("Key", "items.json"),
                    Json.parse("{\"InputType\": \"JSON\"}"), null), null, 10).items();
            assertThat(items).containsExactly(Json.parse("1"), Json.parse("2"));

            // The reader's Credentials.RoleArn is assumed through STS, as a Task's is.
            List<JsonNode> asRole = services.itemReader().read(new ItemSource("arn:aws:states:::s3:getObject",
                    Json.MAPPER.createObjectNode().put("Bucket", bucket).put("Key", "items.json"),
                    Json.parse("{\"InputType\": \"JSON\"}"),
                    Json.parse("{\"RoleArn\": \"arn:aws:iam::123456789012:role/map-reader\"}")), null, 10).items();
            assertThat(asRole).containsExactly(Json.parse("1"), Json.parse("2"));

            JsonNode result = services.resultWriter().write(new ResultTarget("arn:aws:states:::s3:putObject",
                    Json.MAPPER.createObjectNode().put("Bucket", bucket).put("Prefix", "out"),
                    Json.MAPPER.createObjectNode(), null), "arn:aws:states:us-east-1:123456789012:mapRun:m/Map:run-1",
                    List.of(new ChildResult("arn:aws:states:us-east-1:123456789012:execution:m/Map:c1", "c1",
                            "arn:aws:states:us-east-1:123456789012:stateMachine:m/Map", "SUCCEEDED", "1", "2", null,
                            null, Instant.EPOCH, Instant.EPOCH, 0)).iterator());
            String key = result.path("ResultWriterDetails").path("Key").asText();
            assertThat(key).isEqualTo("out/run-1/manifest.json");
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String()).contains("SUCCEEDED_0.json");
        }
    }
}
