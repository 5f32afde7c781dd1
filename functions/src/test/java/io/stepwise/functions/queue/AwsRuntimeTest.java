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

    /**
     * moto serves requests on concurrent threads with no lock between a conditional write's check and its write:
     * of 200 rounds of four concurrent {@code UpdateItem}s conditioned on one attribute, 3 had two winners. So two
     * sweepers on moto may both claim a task (once in a while, under load), which DynamoDB itself rules out.
     * {@code ./test} starts moto with its DynamoDB writes serialized, but this test must hold on a plain moto too.
     */
    @Override
    protected boolean conditionalWritesAreAtomic() {
        return false;
    }
}
