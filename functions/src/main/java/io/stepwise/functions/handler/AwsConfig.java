package io.stepwise.functions.handler;

import java.net.URI;
import java.util.Map;

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
 */
public record AwsConfig(String tablePrefix, String transitionQueueUrl, String taskQueueUrl, String timerQueueUrl,
        String region, URI endpoint, String payloadBucket) {

    public static AwsConfig from(Map<String, String> env) {
        String endpoint = env.get("STEPWISE_AWS_ENDPOINT");
        return new AwsConfig(env.getOrDefault("STEPWISE_TABLE_PREFIX", "stepwise-"),
                required(env, "STEPWISE_TRANSITION_QUEUE_URL"), required(env, "STEPWISE_TASK_QUEUE_URL"),
                required(env, "STEPWISE_TIMER_QUEUE_URL"), required(env, "AWS_REGION"),
                endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint),
                env.get("STEPWISE_PAYLOAD_BUCKET"));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
