package io.stepwise.functions.queue;

import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.functions.LocalStack;
import io.stepwise.functions.Moto;
import io.stepwise.functions.store.DynamoDbTables;
import io.stepwise.runtime.RuntimeContract;
import io.stepwise.runtime.RuntimeUnderTest;
import java.time.Clock;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The runner's contract over the DynamoDB stores and SQS queues on LocalStack, where Docker exists. */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackRuntimeTest extends RuntimeContract {

    @Override
    protected RuntimeUnderTest start(IntegrationRegistry integrations, Clock clock) {
        DynamoDbClient dynamo = LocalStack.dynamo();
        SqsClient sqs = LocalStack.sqs();
        String prefix = Moto.uniquePrefix();
        DynamoDbTables tables = new DynamoDbTables(prefix);
        tables.create(dynamo);
        return new AwsRuntimeUnderTest(dynamo, sqs, tables, SqsQueues.create(sqs, prefix, 30), integrations, clock);
    }

    @Override
    protected RuntimeUnderTest startBeside(RuntimeUnderTest first, IntegrationRegistry integrations, Clock clock) {
        AwsRuntimeUnderTest aws = (AwsRuntimeUnderTest) first;
        return new AwsRuntimeUnderTest(aws.dynamo, aws.sqs, aws.tables, aws.queues, integrations, clock);
    }
}
