package io.stepwise.functions;

import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The moto server the adapter tests and the AWS suites of integration-tests run against: {@code ./test} starts one
 * and exports its endpoint as {@code STEPWISE_MOTO_ENDPOINT}. Without it the tests are skipped and say why. Each test
 * names its tables and queues with a {@link #uniquePrefix()}, so tests share one server without resetting it.
 */
public final class Moto {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private Moto() {
    }

    public static URI endpoint() {
        String endpoint = System.getProperty("stepwise.moto.endpoint", System.getenv("STEPWISE_MOTO_ENDPOINT"));
        Assumptions.assumeTrue(endpoint != null && !endpoint.isBlank(),
                "no moto server: set STEPWISE_MOTO_ENDPOINT (./test starts one) to run the AWS tests");
        return URI.create(endpoint);
    }

    public static DynamoDbClient dynamo() {
        return clients().dynamo();
    }

    public static SqsClient sqs() {
        return clients().sqs();
    }

    public static CloudWatchLogsClient logs() {
        return clients().logs();
    }

    /** Path-style addressing: moto serves every bucket under its one endpoint. */
    public static S3Client s3() {
        return clients().s3();
    }

    public static EventBridgeClient events() {
        return clients().events();
    }

    private static EmulatorClients clients() {
        return new EmulatorClients(endpoint(), Region.US_EAST_1, CREDENTIALS);
    }

    public static String uniquePrefix() {
        return "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }
}
