package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.local.server.ServeOptions;
import io.stepwise.query.Json;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A workflow through {@code stepwise serve} configured with {@code stepwise.json} to call the moto server: a
 * DynamoDB put, an SQS send that waits for its task token (answered by a consumer polling the queue and calling
 * SendTaskSuccess), an SNS publish whose delivery lands in a subscribed queue, an EventBridge event delivered by a
 * rule to a queue, and a nested execution started on Stepwise itself. Driven with the real SfnClient; the history
 * is checked event by event.
 */
class ServiceIntegrationsEndToEndTest {
    private static final String DEFINITION = """
            {"StartAt": "Save", "States": {
              "Save": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                       "Parameters": {"TableName": "%s", "Item": {"id": {"S.$": "$.order"}, "state": {"S": "new"}}},
                       "ResultPath": null, "Next": "Approve"},
              "Approve": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                          "Parameters": {"QueueUrl": "%s",
                                         "MessageBody": {"order.$": "$.order", "token.$": "$$.Task.Token"}},
                          "ResultPath": "$.approval", "Next": "Announce"},
              "Announce": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                           "Parameters": {"TopicArn": "%s", "Message.$": "$.approval"},
                           "ResultSelector": {"MessageId.$": "$.MessageId"}, "ResultPath": "$.announced",
                           "Next": "Notify"},
              "Notify": {"Type": "Task", "Resource": "arn:aws:states:::events:putEvents",
                         "Parameters": {"Entries": [{"Source": "%s", "DetailType": "OrderApproved",
                                                     "Detail": {"order.$": "$.order"}}]},
                         "ResultSelector": {"FailedEntryCount.$": "$.FailedEntryCount"}, "ResultPath": "$.notified",
                         "Next": "Ship"},
              "Ship": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution",
                       "Parameters": {"StateMachineArn": "%s", "Input": {"order.$": "$.order"}},
                       "ResultSelector": {"ExecutionArn.$": "$.ExecutionArn"}, "ResultPath": "$.shipping",
                       "End": true}}}
            """;

    private static final String ROLE = "arn:aws:iam::123456789012:role/stepwise";

    private URI moto;
    private DynamoDbClient dynamodb;
    private SqsClient sqs;
    private SnsClient sns;
    private EventBridgeClient events;
    private LocalServer server;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        String endpoint = System.getProperty("stepwise.moto.endpoint", System.getenv("STEPWISE_MOTO_ENDPOINT"));
        Assumptions.assumeTrue(endpoint != null && !endpoint.isBlank(),
                "no moto server: set STEPWISE_MOTO_ENDPOINT (./test starts one) to run the end-to-end integration test");
        moto = URI.create(endpoint);
        dynamodb = configure(DynamoDbClient.builder()).build();
        sqs = configure(SqsClient.builder()).build();
        sns = configure(SnsClient.builder()).build();
        events = configure(EventBridgeClient.builder()).build();
        Path config = dir.resolve("stepwise.json");
        // Step Functions calls go to this server itself, so child executions run on Stepwise.
        int port;
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Files.writeString(config, """
                {"aws": {"region": "us-east-1", "endpoint": "%s", "endpoints": {"states": "http://127.0.0.1:%d"},
                         "credentials": {"accessKeyId": "test", "secretAccessKey": "test"}},
                 "lambda": {"functions": {"shout": {"handler": "io.stepwise.it.api.ShoutHandler"}}}}
                """.formatted(endpoint, port));
        server = new LocalServer(ServeOptions.defaults().withPort(port).withDataDir(dir.resolve("data"))
                .withConfig(config));
    }

    private <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>
            & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.endpointOverride(moto).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        builder.httpClient(UrlConnectionHttpClient.create());
        return builder;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
            dynamodb.close();
            sqs.close();
            sns.close();
            events.close();
        }
    }

    @Test
    void putsWaitsForTheConsumerPublishesNotifiesAndStartsTheShipping() throws Exception {
        String table = "orders-" + UUID.randomUUID();
        dynamodb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
        String approvals = sqs.createQueue(b -> b.queueName("approvals-" + UUID.randomUUID())).queueUrl();
        String topicArn = sns.createTopic(b -> b.name("announcements-" + UUID.randomUUID())).topicArn();
        String announced = sqs.createQueue(b -> b.queueName("announced-" + UUID.randomUUID())).queueUrl();
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn(announced))
                .attributes(Map.of("RawMessageDelivery", "true")));
        String source = "shop.orders." + UUID.randomUUID();
        String notified = sqs.createQueue(b -> b.queueName("notified-" + UUID.randomUUID())).queueUrl();
        String rule = "approved-" + UUID.randomUUID();
        events.putRule(b -> b.name(rule).eventPattern("{\"source\": [\"" + source + "\"]}"));
        events.putTargets(b -> b.rule(rule).targets(t -> t.id("queue").arn(queueArn(notified))));
        String shipping = server.sfn.createStateMachine(b -> b.name("shipping").roleArn(ROLE).definition(
                "{\"StartAt\": \"Ship\", \"States\": {\"Ship\": {\"Type\": \"Pass\", \"End\": true}}}"))
                .stateMachineArn();

        String machine = server.sfn.createStateMachine(b -> b.name("orders").roleArn(ROLE)
                .definition(DEFINITION.formatted(table, approvals, topicArn, source, shipping))).stateMachineArn();
        String executionArn = server.sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"order\": \"o-7\"}"))
                .executionArn();

        // The consumer: takes the approval request off the queue and answers its token.
        Message request = receiveOne(approvals);
        JsonNode body = Json.parse(request.body());
        assertThat(body.path("order").asText()).isEqualTo("o-7");
        server.sfn.sendTaskSuccess(b -> b.taskToken(body.path("token").asText()).output("{\"approved\": true}"));

        DescribeExecutionResponse ended = awaitEnd(executionArn);
        assertThat(ended.status()).as(ended.error() + ": " + ended.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(dynamodb.getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS("o-7")))).item())
                .containsEntry("state", AttributeValue.fromS("new"));
        Message published = receiveOne(announced);
        assertThat(Json.parse(published.body())).isEqualTo(Json.parse("{\"approved\": true}"));
        JsonNode event = Json.parse(receiveOne(notified).body());
        assertThat(event.path("source").asText()).isEqualTo(source);
        assertThat(event.path("detail-type").asText()).isEqualTo("OrderApproved");
        assertThat(event.path("detail")).isEqualTo(Json.parse("{\"order\": \"o-7\"}"));
        // Step Functions names the execution and its state machine as the event's resources.
        assertThat(event.path("resources")).extracting(JsonNode::asText).containsExactly(executionArn, machine);
        JsonNode output = Json.parse(ended.output());
        assertThat(output.path("announced").path("MessageId").asText()).isNotEmpty();
        assertThat(output.path("notified")).isEqualTo(Json.parse("{\"FailedEntryCount\": 0}"));
        String child = output.path("shipping").path("ExecutionArn").asText();
        assertThat(child).startsWith("arn:aws:states:us-east-1:123456789012:execution:shipping:");
        DescribeExecutionResponse shipped = awaitEnd(child);
        assertThat(shipped.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(shipped.input())).isEqualTo(Json.parse("{\"order\": \"o-7\"}"));

        List<HistoryEvent> events = server.sfn.getExecutionHistory(b -> b.executionArn(executionArn)).events();
        List<HistoryEventType> expected = new ArrayList<>();
        expected.add(HistoryEventType.EXECUTION_STARTED);
        for (int state = 0; state < 5; state++) {
            expected.addAll(List.of(HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.TASK_SCHEDULED,
                    HistoryEventType.TASK_STARTED, HistoryEventType.TASK_SUCCEEDED,
                    HistoryEventType.TASK_STATE_EXITED));
        }
        expected.add(HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(events).extracting(HistoryEvent::type).containsExactlyElementsOf(expected);
        assertThat(events).extracting(HistoryEvent::id)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, expected.size()).boxed().toList());
        List<String> states = List.of("Save", "Approve", "Announce", "Notify", "Ship");
        List<String> resources = List.of("dynamodb:putItem", "sqs:sendMessage.waitForTaskToken", "sns:publish",
                "events:putEvents", "states:startExecution");
        for (int state = 0; state < 5; state++) {
            int first = 1 + 5 * state;
            assertThat(events.get(first).stateEnteredEventDetails().name()).isEqualTo(states.get(state));
            var scheduled = events.get(first + 1).taskScheduledEventDetails();
            assertThat(scheduled.resourceType() + ":" + scheduled.resource()).isEqualTo(resources.get(state));
            assertThat(scheduled.region()).isEqualTo("us-east-1");
            assertThat(events.get(first + 2).taskStartedEventDetails().resource()).isEqualTo(scheduled.resource());
            assertThat(events.get(first + 3).taskSucceededEventDetails().resourceType())
                    .isEqualTo(scheduled.resourceType());
            assertThat(events.get(first + 4).stateExitedEventDetails().name()).isEqualTo(states.get(state));
            assertThat(events.get(first + 1).previousEventId()).isEqualTo(first + 1);
        }
        var save = events.get(2).taskScheduledEventDetails();
        assertThat(Json.parse(save.parameters())).isEqualTo(Json.parse("""
                {"TableName": "%s", "Item": {"id": {"S": "o-7"}, "state": {"S": "new"}}}""".formatted(table)));
        JsonNode saved = Json.parse(events.get(4).taskSucceededEventDetails().output());
        assertThat(saved.path("SdkHttpMetadata").path("HttpStatusCode").asInt()).isEqualTo(200);
        var approve = events.get(7).taskScheduledEventDetails();
        assertThat(Json.parse(approve.parameters()).path("MessageBody").path("token").asText())
                .isEqualTo(body.path("token").asText());
        assertThat(Json.parse(events.get(9).taskSucceededEventDetails().output()))
                .isEqualTo(Json.parse("{\"approved\": true}"));
        var announce = events.get(12).taskScheduledEventDetails();
        assertThat(Json.parse(announce.parameters())).isEqualTo(Json.parse("""
                {"TopicArn": "%s", "Message": {"approved": true}}""".formatted(topicArn)));
        var notify = events.get(17).taskScheduledEventDetails();
        assertThat(Json.parse(notify.parameters())).isEqualTo(Json.parse("""
                {"Entries": [{"Source": "%s", "DetailType": "OrderApproved", "Detail": {"order": "o-7"}}]}"""
                .formatted(source)));
        JsonNode put = Json.parse(events.get(19).taskSucceededEventDetails().output());
        assertThat(put.path("Entries").get(0).path("EventId").asText()).isEqualTo(event.path("id").asText());
        var ship = events.get(22).taskScheduledEventDetails();
        assertThat(Json.parse(ship.parameters())).isEqualTo(Json.parse("""
                {"StateMachineArn": "%s", "Input": {"order": "o-7"}}""".formatted(shipping)));
        JsonNode started = Json.parse(events.get(24).taskSucceededEventDetails().output());
        assertThat(started.path("ExecutionArn").asText()).isEqualTo(child);
        assertThat(started.path("SdkHttpMetadata").path("HttpStatusCode").asInt()).isEqualTo(200);
    }

    private String queueArn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** A published token answered after TimeoutSeconds, and forged ones, get AWS's errors through the real SDK. */
    @Test
    void aTokenPublishedThroughSnsAnsweredLateOrForgedGetsAwsErrors() throws Exception {
        String topicArn = sns.createTopic(b -> b.name("reviews-" + UUID.randomUUID())).topicArn();
        String reviews = sqs.createQueue(b -> b.queueName("reviews-" + UUID.randomUUID())).queueUrl();
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn(reviews))
                .attributes(Map.of("RawMessageDelivery", "true")));
        String machine = server.sfn.createStateMachine(b -> b.name("review").roleArn(ROLE).definition("""
                {"StartAt": "Review", "States": {"Review": {"Type": "Task",
                  "Resource": "arn:aws:states:::sns:publish.waitForTaskToken", "TimeoutSeconds": 1,
                  "Parameters": {"TopicArn": "%s", "Message": {"token.$": "$$.Task.Token"}}, "End": true}}}
                """.formatted(topicArn))).stateMachineArn();
        String executionArn = server.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        String token = Json.parse(receiveOne(reviews).body()).path("token").asText();

        String altered = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        assertThatThrownBy(() -> server.sfn.sendTaskSuccess(b -> b.taskToken(altered).output("{}")))
                .isInstanceOf(TaskDoesNotExistException.class);
        assertThatThrownBy(() -> server.sfn.sendTaskHeartbeat(b -> b.taskToken("forged")))
                .isInstanceOf(InvalidTokenException.class);
        DescribeExecutionResponse ended = awaitEnd(executionArn);
        assertThat(ended.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ended.error()).isEqualTo("States.Timeout");
        assertThatThrownBy(() -> server.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
                .isInstanceOfSatisfying(TaskTimedOutException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Task Timed Out: 'Provided task has timed out'"));
        List<HistoryEvent> events = server.sfn.getExecutionHistory(b -> b.executionArn(executionArn)).events();
        assertThat(events).extracting(HistoryEvent::type).containsExactly(
                HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_STATE_ENTERED,
                HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED, HistoryEventType.TASK_TIMED_OUT,
                HistoryEventType.EXECUTION_FAILED);
        assertThat(events.get(2).taskScheduledEventDetails().timeoutInSeconds()).isEqualTo(1L);
        assertThat(events.get(4).taskTimedOutEventDetails().error()).isEqualTo("States.Timeout");
        assertThat(events.get(4).taskTimedOutEventDetails().resource()).isEqualTo("publish.waitForTaskToken");
    }

    @Test
    void aServiceErrorFailsTheExecutionWithAwsErrorName() throws Exception {
        String machine = server.sfn.createStateMachine(b -> b.name("missing-table").roleArn(ROLE)
                .definition("""
                        {"StartAt": "Get", "States": {"Get": {"Type": "Task",
                          "Resource": "arn:aws:states:::dynamodb:getItem",
                          "Parameters": {"TableName": "no-such-table", "Key": {"id": {"S": "x"}}}, "End": true}}}
                        """)).stateMachineArn();
        String executionArn = server.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        DescribeExecutionResponse ended = awaitEnd(executionArn);
        assertThat(ended.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ended.error()).isEqualTo("DynamoDB.ResourceNotFoundException");
    }

    @Test
    void lambdaFunctionsDeclaredLocallyRunInProcessOthersGoToTheLambdaApi() throws Exception {
        String machine = server.sfn.createStateMachine(b -> b.name("lambdas").roleArn(ROLE).definition("""
                {"StartAt": "Local", "States": {
                  "Local": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                            "Parameters": {"FunctionName": "shout", "Payload": {"word": "hi"}},
                            "ResultSelector": {"shout.$": "$.Payload.shout"}, "ResultPath": "$.local", "Next": "Remote"},
                  "Remote": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                             "Parameters": {"FunctionName": "not-deployed", "Payload": {}},
                             "Catch": [{"ErrorEquals": ["Lambda.ResourceNotFoundException"], "ResultPath": "$.error",
                                        "Next": "Done"}], "End": true},
                  "Done": {"Type": "Succeed"}}}""")).stateMachineArn();
        String executionArn = server.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        DescribeExecutionResponse ended = awaitEnd(executionArn);
        assertThat(ended.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = Json.parse(ended.output());
        assertThat(output.path("local").path("shout").asText()).isEqualTo("HI!");
        // moto's Lambda API answered: the function is not deployed there.
        assertThat(output.path("error").path("Error").asText()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(output.path("error").path("Cause").asText())
                .contains(" (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: ")
                .endsWith("; Proxy: null)");
    }

    @Test
    void startsChildExecutionsOnStepwiseAndWaitsForTheirCallback() throws Exception {
        String replier = server.sfn.createStateMachine(b -> b.name("replier").roleArn(ROLE).definition("""
                {"StartAt": "Reply", "States": {"Reply": {"Type": "Task",
                  "Resource": "arn:aws:states:::aws-sdk:sfn:sendTaskSuccess",
                  "Parameters": {"TaskToken.$": "$.token", "Output": "{\\"child\\": \\"done\\"}"}, "End": true}}}
                """)).stateMachineArn();
        String pass = server.sfn.createStateMachine(b -> b.name("pass").roleArn(ROLE)
                .definition("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}"))
                .stateMachineArn();
        String parent = server.sfn.createStateMachine(b -> b.name("parent").roleArn(ROLE).definition("""
                {"StartAt": "Ask", "States": {
                  "Ask": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.waitForTaskToken",
                          "Parameters": {"StateMachineArn": "%s", "Input": {"token.$": "$$.Task.Token"}},
                          "ResultPath": "$.answer", "Next": "Fire"},
                  "Fire": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution",
                           "Parameters": {"StateMachineArn": "%s", "Name": "fired", "Input": {"from": "parent"}},
                           "ResultSelector": {"ExecutionArn.$": "$.ExecutionArn"}, "ResultPath": "$.fired",
                           "End": true}}}
                """.formatted(replier, pass))).stateMachineArn();

        String executionArn = server.sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn();
        DescribeExecutionResponse ended = awaitEnd(executionArn);

        assertThat(ended.status()).as(ended.error() + ": " + ended.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = Json.parse(ended.output());
        assertThat(output.get("answer")).isEqualTo(Json.parse("{\"child\": \"done\"}"));
        String fired = output.path("fired").path("ExecutionArn").asText();
        assertThat(fired).endsWith(":execution:pass:fired");
        DescribeExecutionResponse child = awaitEnd(fired);
        assertThat(child.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(child.input())).isEqualTo(Json.parse("{\"from\": \"parent\"}"));
        assertThat(server.sfn.listExecutions(b -> b.stateMachineArn(replier)).executions()).hasSize(1);
    }

    private Message receiveOne(String queueUrl) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)).messages();
            if (!messages.isEmpty()) {
                return messages.get(0);
            }
        }
        throw new AssertionError("no message arrived on " + queueUrl);
    }

    private DescribeExecutionResponse awaitEnd(String executionArn) throws InterruptedException {
        return Await.end(server.sfn, executionArn);
    }
}
