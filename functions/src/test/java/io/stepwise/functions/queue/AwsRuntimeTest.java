package io.stepwise.functions.queue;

import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.functions.Moto;
import io.stepwise.runtime.RuntimeContract;
import io.stepwise.runtime.RuntimeUnderTest;
import java.time.Clock;

/** The runner's contract over the DynamoDB stores and the SQS queue, task dispatcher and timer service on moto. */
class AwsRuntimeTest extends RuntimeContract {
    @Override
    protected RuntimeUnderTest start(IntegrationRegistry integrations, Clock clock) {
        return AwsRuntimeUnderTest.deploy(Moto.dynamo(), Moto.sqs(), integrations, clock);
    }

    /** Another instance of the fleet: the same tables and queues, its own runner and pollers. */
    @Override
    protected RuntimeUnderTest startBeside(RuntimeUnderTest first, IntegrationRegistry integrations, Clock clock) {
        return ((AwsRuntimeUnderTest) first).beside(integrations, clock);
    }
}
