package io.stepwise.functions;

import io.stepwise.functions.handler.AwsRuntime;
import java.util.Map;

/**
 * The adapters of the deployed API function: those of an {@link AwsRuntime} configured from the environment the
 * stack sets ({@link Environment}): DynamoDB stores, the SQS task and timer queues, the service integrations, the
 * task queue for asynchronous Express executions, the activity table.
 */
public final class AwsAdapters implements AdapterFactory {

    @Override
    public Adapters open(Map<String, String> environment) {
        Environment.require(environment, Environment.ACCOUNT_ID);
        return AwsRuntime.fromEnvironment(environment).adapters();
    }
}
