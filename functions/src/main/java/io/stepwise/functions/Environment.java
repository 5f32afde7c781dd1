package io.stepwise.functions;

import java.util.Map;

/**
 * The environment variables the CDK stack sets on every function: the names of its tables, queues and bucket. The
 * stack (module {@code cdk}) sets exactly these names; {@code cdk/README.md} lists them with their key schemas.
 */
public final class Environment {
    public static final String STATE_MACHINES_TABLE = "STEPWISE_STATE_MACHINES_TABLE";
    public static final String EXECUTIONS_TABLE = "STEPWISE_EXECUTIONS_TABLE";
    public static final String HISTORY_TABLE = "STEPWISE_HISTORY_TABLE";
    public static final String TASK_TOKENS_TABLE = "STEPWISE_TASK_TOKENS_TABLE";
    public static final String ACTIVITIES_TABLE = "STEPWISE_ACTIVITIES_TABLE";
    public static final String MAP_RUNS_TABLE = "STEPWISE_MAP_RUNS_TABLE";
    public static final String TRANSITION_QUEUE_URL = "STEPWISE_TRANSITION_QUEUE_URL";
    public static final String TASK_QUEUE_URL = "STEPWISE_TASK_QUEUE_URL";
    public static final String TIMER_QUEUE_URL = "STEPWISE_TIMER_QUEUE_URL";
    public static final String PAYLOAD_BUCKET = "STEPWISE_PAYLOAD_BUCKET";
    /** The account and region ARNs are issued for; Lambda itself sets {@code AWS_REGION}. */
    public static final String ACCOUNT_ID = "STEPWISE_ACCOUNT_ID";
    public static final String REGION = "AWS_REGION";

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
