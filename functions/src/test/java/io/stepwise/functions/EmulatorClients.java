package io.stepwise.functions;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Clients of an emulator that serves every AWS service at one endpoint ({@link Moto}, {@link LocalStack}). */
record EmulatorClients(URI endpoint, Region region, AwsCredentialsProvider credentials) {

    DynamoDbClient dynamo() {
        return build(DynamoDbClient.builder());
    }

    SqsClient sqs() {
        return build(SqsClient.builder());
    }

    /** Path-style addressing: the emulator serves every bucket under its one endpoint. */
    S3Client s3() {
        return build(S3Client.builder());
    }

    EventBridgeClient events() {
        return build(EventBridgeClient.builder());
    }

    LambdaClient lambda() {
        return build(LambdaClient.builder());
    }

    CloudWatchLogsClient logs() {
        return build(CloudWatchLogsClient.builder());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        builder.endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create());
        if (builder instanceof S3ClientBuilder s3) {
            s3.forcePathStyle(true);
        }
        return builder.build();
    }
}
