package io.stepwise.functions.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.functions.LocalStack;
import io.stepwise.functions.Moto;
import io.stepwise.functions.store.DynamoDbTables;
import io.stepwise.integrations.ServiceIntegrations;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsSettings;
import io.stepwise.query.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One workflow end to end on LocalStack, where Docker exists: a Task calling a real Lambda function (LocalStack runs
 * its code) through the service integration, over the DynamoDB stores and the SQS queues with their pollers.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackLambdaTest {
    private static final String HANDLER = """
            def handler(event, context):
                return {"greeting": "hello " + event["name"]}
            """;

    @Test
    void aTaskCallsARealLambdaFunctionAndTheExecutionSucceedsWithItsResult() throws Exception {
        LambdaClient lambda = LocalStack.lambda();
        byte[] code = zip("handler.py", HANDLER);
        String functionArn = lambda.createFunction(b -> b.functionName("greet").runtime(Runtime.PYTHON3_12)
                .handler("handler.handler").role("arn:aws:iam::000000000000:role/lambda")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(code)))).functionArn();
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("greet"));
        String definition = """
                {"StartAt":"Greet","States":{"Greet":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                 "Parameters":{"FunctionName":"%s","Payload.$":"$"},"OutputPath":"$.Payload","End":true}}}"""
                .formatted(functionArn);
        String machine = "arn:aws:states:" + LocalStack.region() + ":000000000000:stateMachine:greeter";
        ExecutionStart start = new ExecutionStart(machine.replace(":stateMachine:", ":execution:") + ":e", "e",
                machine, "greeter", null, LocalStack.region(), "{\"name\":\"stepwise\"}", Instant.now(), 1);
        DynamoDbClient dynamo = LocalStack.dynamo();
        SqsClient sqs = LocalStack.sqs();
        String prefix = Moto.uniquePrefix();
        DynamoDbTables tables = new DynamoDbTables(prefix);
        tables.create(dynamo);
        AwsClients clients = new AwsClients(new AwsSettings(LocalStack.region(), LocalStack.endpoint(), Map.of(),
                LocalStack.container().getAccessKey(), LocalStack.container().getSecretKey()));

        try (ServiceIntegrations integrations = new ServiceIntegrations(clients, true);
                AwsRuntimeUnderTest runtime = new AwsRuntimeUnderTest(dynamo, sqs, tables,
                        SqsQueues.create(sqs, prefix, 30), integrations, Clock.systemUTC())) {
            runtime.runner().start(start, definition);
            runtime.awaitIdle();

            var record = runtime.executions().load(start.executionArn()).orElseThrow();
            assertThat(record.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(record.state().output).isEqualTo(Json.parse("{\"greeting\":\"hello stepwise\"}"));
        }
    }

    private static byte[] zip(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
