package io.stepwise.functions;

import java.util.Map;

/**
 * The adapters of the deployed functions: DynamoDB stores, SQS queues and the service integrations, from the
 * names the stack puts in the environment.
 */
final class AwsAdapters implements AdapterFactory {

    @Override
    public Adapters open(Map<String, String> environment) {
        Environment.require(environment, Environment.STATE_MACHINES_TABLE);
        // The DynamoDB stores and SQS queues are being written (package io.stepwise.functions.aws); until they
        // land a deployed function fails at initialisation, saying so, rather than serve from memory.
        throw new IllegalStateException("This build of the Stepwise functions has no DynamoDB/SQS adapters yet");
    }
}
