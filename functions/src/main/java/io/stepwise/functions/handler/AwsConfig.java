package io.stepwise.functions.handler;

import io.stepwise.functions.Environment;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Where the functions find their tables and queues: environment variables the CDK stack sets on every function.
 *
 * @param tablePrefix {@code STEPWISE_TABLE_PREFIX}, put before every table name of
 *     {@link io.stepwise.functions.store.DynamoDbTables}
 * @param transitionQueueUrl {@code STEPWISE_TRANSITION_QUEUE_URL}, the FIFO transition queue
 * @param taskQueueUrl {@code STEPWISE_TASK_QUEUE_URL}
 * @param timerQueueUrl {@code STEPWISE_TIMER_QUEUE_URL}
 * @param region {@code AWS_REGION}, which Lambda sets
 * @param endpoint {@code STEPWISE_AWS_ENDPOINT}, an emulator's endpoint for every service; {@code null} on AWS
 * @param payloadBucket {@code STEPWISE_PAYLOAD_BUCKET}, where states and history details too large for a DynamoDB
 *     item go; {@code null} to refuse them
 * @param taskFunction {@code STEPWISE_TASK_FUNCTION}, the task worker's alias ARN, invoked asynchronously with each
 *     task; {@code null} to send tasks to the task queue
 */
public record AwsConfig(String tablePrefix, String transitionQueueUrl, String taskQueueUrl, String timerQueueUrl,
        String region, URI endpoint, String payloadBucket, String taskFunction) {

    /** Tasks go to the task queue. */
    public AwsConfig(String tablePrefix, String transitionQueueUrl, String taskQueueUrl, String timerQueueUrl,
            String region, URI endpoint, String payloadBucket) {
        this(tablePrefix, transitionQueueUrl, taskQueueUrl, timerQueueUrl, region, endpoint, payloadBucket, null);
    }

    public static AwsConfig from(Map<String, String> env) {
        String endpoint = env.get(Environment.AWS_ENDPOINT);
        String bucket = env.get(Environment.PAYLOAD_BUCKET);
        String taskFunction = env.get(Environment.TASK_FUNCTION);
        return new AwsConfig(env.getOrDefault(Environment.TABLE_PREFIX, "stepwise-"),
                Environment.require(env, Environment.TRANSITION_QUEUE_URL),
                Environment.require(env, Environment.TASK_QUEUE_URL),
                Environment.require(env, Environment.TIMER_QUEUE_URL), Environment.require(env, Environment.REGION),
                endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint),
                bucket == null || bucket.isBlank() ? null : bucket,
                taskFunction == null || taskFunction.isBlank() ? null : taskFunction);
    }

    /**
     * A client of {@code builder}'s service in {@link #region} over the URL-connection HTTP client (the smallest
     * and quickest to start in a Lambda function), sent to {@link #endpoint} when one is set.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        builder.region(Region.of(region)).httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
            if (builder instanceof S3ClientBuilder s3) {
                // Emulators serve buckets under the path; virtual-host names under 127.0.0.1 do not resolve.
                s3.forcePathStyle(true);
            }
        }
        return builder.build();
    }
}
