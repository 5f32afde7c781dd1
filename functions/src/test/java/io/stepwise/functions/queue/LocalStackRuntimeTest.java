package io.stepwise.functions.queue;

import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.functions.LocalStack;
import io.stepwise.runtime.RuntimeContract;
import io.stepwise.runtime.RuntimeUnderTest;
import java.time.Clock;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The runner's contract over the DynamoDB stores and SQS queues on LocalStack, where Docker exists. */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackRuntimeTest extends RuntimeContract {

    @Override
    protected RuntimeUnderTest start(IntegrationRegistry integrations, Clock clock) {
        return AwsRuntimeUnderTest.deploy(LocalStack.dynamo(), LocalStack.sqs(), integrations, clock);
    }

    /** Another instance of the fleet: the same tables and queues, its own runner and pollers. */
    @Override
    protected RuntimeUnderTest startBeside(RuntimeUnderTest first, IntegrationRegistry integrations, Clock clock) {
        return ((AwsRuntimeUnderTest) first).beside(integrations, clock);
    }
}
