package io.stepwise.it.aws;

import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The moto server {@code ./test} starts and names in {@code STEPWISE_MOTO_ENDPOINT}; without it the AWS suites are
 * skipped and say why. Every deployment names its tables and queues with a {@link #uniquePrefix()}.
 */
public final class Moto {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private Moto() {
    }

    public static URI endpoint() {
        String endpoint = System.getProperty("stepwise.moto.endpoint", System.getenv("STEPWISE_MOTO_ENDPOINT"));
        Assumptions.assumeTrue(endpoint != null && !endpoint.isBlank(),
                "no moto server: set STEPWISE_MOTO_ENDPOINT (./test starts one) to run the AWS suites");
        return URI.create(endpoint);
    }

    public static DynamoDbClient dynamo() {
        return DynamoDbClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SqsClient sqs() {
        return SqsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static EventBridgeClient events() {
        return EventBridgeClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static String uniquePrefix() {
        return "c" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }
}
