package io.stepwise.integrations;

import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.integrations.aws.AwsSettings;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The moto server the tests call: {@code ./test} starts one and exports its endpoint as {@code STEPWISE_MOTO_ENDPOINT}
 * (or the system property {@code stepwise.moto.endpoint}). Without it, tests that need moto are skipped and say so.
 */
public final class Moto {
    public static final String REGION = "us-east-1";

    private Moto() {
    }

    /** The endpoint, or the test is skipped (aborted) with the reason. */
    public static URI endpoint() {
        String endpoint = System.getProperty("stepwise.moto.endpoint", System.getenv("STEPWISE_MOTO_ENDPOINT"));
        Assumptions.assumeTrue(endpoint != null && !endpoint.isBlank(),
                "no moto server: set STEPWISE_MOTO_ENDPOINT (./test starts one) to run the service integration tests");
        return URI.create(endpoint);
    }

    public static AwsSettings settings() {
        return new AwsSettings(REGION, endpoint(), Map.of(), "testing", "testing");
    }

    public static AwsClients clients() {
        return new AwsClients(settings());
    }

    /** A client of the test's own, to arrange and inspect what the integration did. */
    public static <C extends SdkClient> C client(AwsClients clients, AwsService service) {
        return clients.client(service, null, null);
    }

    /** Creates a bucket of its own for the test, its name starting with {@code prefix}; returns the name. */
    public static String createBucket(S3Client s3, String prefix) {
        String bucket = prefix + UUID.randomUUID();
        s3.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** Creates a table of its own for the test, keyed by the string attribute {@code hashKey}; returns its name. */
    public static String createTable(DynamoDbClient dynamodb, String hashKey) {
        String table = "table-" + UUID.randomUUID();
        dynamodb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName(hashKey).keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName(hashKey).attributeType(ScalarAttributeType.S)));
        return table;
    }
}
