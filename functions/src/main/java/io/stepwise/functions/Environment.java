package io.stepwise.functions;

import java.util.List;
import java.util.Map;

/**
 * The environment variables of the functions: the one list of names both {@link io.stepwise.functions.handler.AwsConfig}
 * reads and the CDK stack (module {@code cdk}) sets, whose test checks the stack sets exactly {@link #SET_BY_STACK}.
 * {@code functions/TABLES.md} and {@code cdk/README.md} describe the tables and queues they name.
 */
public final class Environment {
    /** Put before every table name of {@link io.stepwise.functions.store.DynamoDbTables}. */
    public static final String TABLE_PREFIX = "STEPWISE_TABLE_PREFIX";
    /** The FIFO transition queue ({@code <prefix>transitions.fifo}). */
    public static final String TRANSITION_QUEUE_URL = "STEPWISE_TRANSITION_QUEUE_URL";
    /** The standard task queue: tasks to call and asynchronous Express executions to run. */
    public static final String TASK_QUEUE_URL = "STEPWISE_TASK_QUEUE_URL";
    /**
     * The task worker function's alias ARN, which the functions that dispatch tasks invoke asynchronously instead of
     * sending to {@link #TASK_QUEUE_URL}; unset, they send to the queue.
     */
    public static final String TASK_FUNCTION = "STEPWISE_TASK_FUNCTION";
    /** The standard timer queue (per-message delays). */
    public static final String TIMER_QUEUE_URL = "STEPWISE_TIMER_QUEUE_URL";
    /** Where states and history details too large for a DynamoDB item go; optional. */
    public static final String PAYLOAD_BUCKET = "STEPWISE_PAYLOAD_BUCKET";
    /** The account ARNs are issued for. */
    public static final String ACCOUNT_ID = "STEPWISE_ACCOUNT_ID";
    /** An emulator's endpoint for every AWS service (tests); never set by the stack. */
    public static final String AWS_ENDPOINT = "STEPWISE_AWS_ENDPOINT";
    /** The region; Lambda itself sets it. */
    public static final String REGION = "AWS_REGION";

    /**
     * What the stack sets on every function ({@link #REGION} comes from Lambda, {@link #AWS_ENDPOINT} never), but
     * {@link #TASK_FUNCTION}, which it sets on the functions that dispatch tasks only ({@link #TASK_DISPATCHERS_ONLY}).
     */
    public static final List<String> SET_BY_STACK = List.of(TABLE_PREFIX, TRANSITION_QUEUE_URL, TASK_QUEUE_URL,
            TASK_FUNCTION, TIMER_QUEUE_URL, PAYLOAD_BUCKET, ACCOUNT_ID);
    /** What the stack sets on the functions that dispatch tasks and on no other. */
    public static final List<String> TASK_DISPATCHERS_ONLY = List.of(TASK_FUNCTION);

    private Environment() {
    }

    /** The value of {@code name}, which the stack always sets. */
    public static String require(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The environment variable " + name + " is not set; deploy the"
                    + " functions with the Stepwise CDK stack, which sets it");
        }
        return value;
    }
}
