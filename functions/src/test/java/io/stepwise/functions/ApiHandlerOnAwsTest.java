package io.stepwise.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.functions.handler.AwsRuntime;
import io.stepwise.functions.handler.TaskWorker;
import io.stepwise.functions.handler.TimerWorker;
import io.stepwise.functions.handler.TransitionWorker;
import io.stepwise.functions.queue.SqsQueues;
import io.stepwise.functions.store.DynamoDbTables;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The deployed whole on moto: the API function's {@link ApiHandler} over {@link AwsAdapters} and the three workers,
 * all configured from the environment the stack sets ({@link Environment}), over tables made by
 * {@link DynamoDbTables} and queues made by {@link SqsQueues}. The workers are fed what the queues hold, as the event
 * source mappings would.
 */
class ApiHandlerOnAwsTest {
    private static final String ACCOUNT = "123456789012";
    private static final String ROLE = "arn:aws:iam::123456789012:role/StepwiseMachine";
    private static final String KEY_ID = "aws.accessKeyId";
    private static final String SECRET = "aws.secretAccessKey";
    private static final Map<String, String> SAVED = new HashMap<>();

    /** The SDK's default credentials chain of a function built from the environment reads these first. */
    @BeforeAll
    static void credentials() {
        for (String property : List.of(KEY_ID, SECRET)) {
            SAVED.put(property, System.getProperty(property));
            System.setProperty(property, "testing");
        }
    }

    @AfterAll
    static void restore() {
        SAVED.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, value);
            }
        });
    }

    private SqsClient sqs;
    private SqsQueues queues;
    private String results;
    private ApiHandler api;
    private TransitionWorker transitions;
    private TaskWorker tasks;
    private TimerWorker timers;
    private AwsRuntime workers;

    @BeforeEach
    void deploy() {
        sqs = Moto.sqs();
        String prefix = Moto.uniquePrefix();
        queues = SqsQueues.create(sqs, prefix, 30);
        new DynamoDbTables(prefix).create(Moto.dynamo());
        results = sqs.createQueue(b -> b.queueName(prefix + "results")).queueUrl();
        Map<String, String> env = Map.of(Environment.TABLE_PREFIX, prefix,
                Environment.TRANSITION_QUEUE_URL, queues.transitions(), Environment.TASK_QUEUE_URL, queues.tasks(),
                Environment.TIMER_QUEUE_URL, queues.timers(), Environment.ACCOUNT_ID, ACCOUNT,
                Environment.REGION, "us-east-1", Environment.AWS_ENDPOINT, Moto.endpoint().toString());
        api = new ApiHandler(ApiComposition.service(new AwsAdapters().open(env), Clock.systemUTC(),
                ApiComposition.arns(env)), call -> { });
        workers = AwsRuntime.fromEnvironment(env);
        transitions = new TransitionWorker(workers);
        tasks = new TaskWorker(workers);
        timers = new TimerWorker(workers);
    }

    @Test
    void anAsynchronousExpressExecutionIsHandedToTheTaskWorkerThroughTheTaskQueue() {
        String definition = """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
                 "Parameters":{"QueueUrl":"%s","MessageBody.$":"$.v"},"End":true}}}""".formatted(results);
        String machineArn = call(api, "CreateStateMachine", Json.MAPPER.createObjectNode().put("name", "x")
                .put("type", "EXPRESS").put("definition", definition).put("roleArn", ROLE))
                .get("stateMachineArn").textValue();
        call(api, "StartExecution", Json.MAPPER.createObjectNode().put("stateMachineArn", machineArn)
                .put("input", "{\"v\":\"hello\"}"));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(results).waitTimeSeconds(0)).messages())
                .as("nothing runs in the API function").isEmpty();

        drive(sqs, queues.tasks(), tasks::handleRequest);

        assertThat(sqs.receiveMessage(b -> b.queueUrl(results).waitTimeSeconds(1)).messages())
                .extracting(Message::body).containsExactly("hello");
    }

    @Test
    void anActivityTaskIsHandedToAWorkerThroughGetActivityTaskAndItsSuccessEndsTheExecution() {
        String activityArn = call(api, "CreateActivity", Json.MAPPER.createObjectNode().put("name", "a"))
                .get("activityArn").textValue();
        String definition = """
                {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"%s","HeartbeatSeconds":60,
                 "End":true}}}""".formatted(activityArn);
        String machineArn = call(api, "CreateStateMachine", Json.MAPPER.createObjectNode().put("name", "act")
                .put("definition", definition).put("roleArn", ROLE)).get("stateMachineArn").textValue();
        String executionArn = call(api, "StartExecution", Json.MAPPER.createObjectNode()
                .put("stateMachineArn", machineArn).put("input", "{\"job\":1}")).get("executionArn").textValue();
        drive(sqs, queues.tasks(), tasks::handleRequest);

        JsonNode task = call(api, "GetActivityTask", Json.MAPPER.createObjectNode().put("activityArn", activityArn)
                .put("workerName", "w1"));
        assertThat(Json.parse(task.get("input").textValue())).isEqualTo(Json.parse("{\"job\":1}"));
        String token = task.get("taskToken").textValue();
        call(api, "SendTaskHeartbeat", Json.MAPPER.createObjectNode().put("taskToken", token));
        call(api, "SendTaskSuccess", Json.MAPPER.createObjectNode().put("taskToken", token)
                .put("output", "{\"done\":true}"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode described = null;
        while (Instant.now().isBefore(deadline)) {
            drive(sqs, queues.transitions(), transitions::handleRequest);
            described = call(api, "DescribeExecution", Json.MAPPER.createObjectNode().put("executionArn", executionArn));
            if (!described.get("status").textValue().equals("RUNNING")) {
                break;
            }
        }

        assertThat(described.get("status").textValue()).isEqualTo("SUCCEEDED");
        assertThat(Json.parse(described.get("output").textValue())).isEqualTo(Json.parse("{\"done\":true}"));
        JsonNode history = call(api, "GetExecutionHistory", Json.MAPPER.createObjectNode()
                .put("executionArn", executionArn));
        List<String> types = new ArrayList<>();
        history.get("events").forEach(event -> types.add(event.get("type").textValue()));
        assertThat(types).containsSubsequence("ActivityScheduled", "ActivityStarted", "ActivitySucceeded",
                "ExecutionSucceeded");
    }

    @Test
    void aStandardExecutionStartedThroughTheApiRunsToSucceededOnTheWorkers() {
        String definition = """
                {"StartAt":"P","States":{
                 "P":{"Type":"Pass","Result":{"n":1},"ResultPath":"$.p","Next":"W"},
                 "W":{"Type":"Wait","Seconds":1,"Next":"T"},
                 "T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
                      "Parameters":{"QueueUrl":"%s","MessageBody.$":"$.p"},"ResultPath":null,"End":true}}}"""
                .formatted(results);
        JsonNode created = call(api, "CreateStateMachine", Json.MAPPER.createObjectNode().put("name", "m")
                .put("definition", definition).put("roleArn", ROLE));
        String machineArn = created.get("stateMachineArn").textValue();
        JsonNode started = call(api, "StartExecution", Json.MAPPER.createObjectNode()
                .put("stateMachineArn", machineArn).put("name", "e").put("input", "{\"v\":7}"));
        String executionArn = started.get("executionArn").textValue();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String status = "RUNNING";
        while (status.equals("RUNNING") && Instant.now().isBefore(deadline)) {
            drive(sqs, queues.transitions(), transitions::handleRequest);
            drive(sqs, queues.tasks(), tasks::handleRequest);
            drive(sqs, queues.timers(), timers::handleRequest);
            status = call(api, "DescribeExecution", Json.MAPPER.createObjectNode()
                    .put("executionArn", executionArn)).get("status").textValue();
        }

        JsonNode described = call(api, "DescribeExecution", Json.MAPPER.createObjectNode()
                .put("executionArn", executionArn));
        assertThat(described.get("status").textValue()).isEqualTo("SUCCEEDED");
        assertThat(Json.parse(described.get("output").textValue())).isEqualTo(Json.parse("{\"v\":7,\"p\":{\"n\":1}}"));
        JsonNode history = call(api, "GetExecutionHistory", Json.MAPPER.createObjectNode()
                .put("executionArn", executionArn));
        List<String> types = new ArrayList<>();
        history.get("events").forEach(event -> types.add(event.get("type").textValue()));
        assertThat(types).startsWith("ExecutionStarted").endsWith("ExecutionSucceeded")
                .contains("WaitStateExited", "TaskSucceeded");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(results).waitTimeSeconds(1)).messages())
                .extracting(Message::body).containsExactly("{\"n\":1}");
    }

    @Test
    void aDistributedMapRunsItsChildrenOnTheWorkersAndItsMapRunIsDescribed() {
        String definition = """
                {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,"ItemProcessor":{
                  "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                  "StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"n.$":"$"},"End":true}}},"End":true}}}""";
        String machineArn = call(api, "CreateStateMachine", Json.MAPPER.createObjectNode().put("name", "dmap")
                .put("definition", definition).put("roleArn", ROLE)).get("stateMachineArn").textValue();
        String executionArn = call(api, "StartExecution", Json.MAPPER.createObjectNode()
                .put("stateMachineArn", machineArn).put("input", "[1,2,3]")).get("executionArn").textValue();

        runToEnd(executionArn);

        JsonNode described = call(api, "DescribeExecution", Json.MAPPER.createObjectNode()
                .put("executionArn", executionArn));
        assertThat(described.get("status").textValue()).isEqualTo("SUCCEEDED");
        assertThat(Json.parse(described.get("output").textValue()))
                .isEqualTo(Json.parse("[{\"n\":1},{\"n\":2},{\"n\":3}]"));
        JsonNode runs = call(api, "ListMapRuns", Json.MAPPER.createObjectNode().put("executionArn", executionArn));
        String mapRunArn = runs.get("mapRuns").get(0).get("mapRunArn").textValue();
        JsonNode run = call(api, "DescribeMapRun", Json.MAPPER.createObjectNode().put("mapRunArn", mapRunArn));
        assertThat(run.get("status").textValue()).isEqualTo("SUCCEEDED");
        assertThat(run.get("executionCounts").get("succeeded").asInt()).isEqualTo(3);
        JsonNode children = call(api, "ListExecutions", Json.MAPPER.createObjectNode().put("mapRunArn", mapRunArn));
        assertThat(children.get("executions")).hasSize(3);
    }

    @Test
    void executionLogsGoToTheMachinesLogGroupInCloudWatchLogsOneStreamPerExecution() {
        String group = "/aws/vendedlogs/states/" + Moto.uniquePrefix() + "logged";
        CloudWatchLogsClient logs = Moto.logs();
        logs.createLogGroup(b -> b.logGroupName(group));
        ObjectNode request = Json.MAPPER.createObjectNode().put("name", "logged").put("roleArn", ROLE)
                .put("definition", """
                        {"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"secret":1},"Next":"F"},
                         "F":{"Type":"Fail","Error":"Broken","Cause":"on purpose"}}}""");
        ObjectNode logging = request.putObject("loggingConfiguration").put("level", "ALL")
                .put("includeExecutionData", false);
        logging.putArray("destinations").addObject().putObject("cloudWatchLogsLogGroup")
                .put("logGroupArn", "arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:" + group + ":*");
        String machineArn = call(api, "CreateStateMachine", request).get("stateMachineArn").textValue();
        String executionArn = call(api, "StartExecution", Json.MAPPER.createObjectNode()
                .put("stateMachineArn", machineArn).put("name", "e1").put("input", "{\"in\":true}"))
                .get("executionArn").textValue();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (call(api, "DescribeExecution", Json.MAPPER.createObjectNode().put("executionArn", executionArn))
                .get("status").textValue().equals("RUNNING") && Instant.now().isBefore(deadline)) {
            drive(sqs, queues.transitions(), transitions::handleRequest);
        }

        List<JsonNode> records = logs.getLogEvents(b -> b.logGroupName(group).logStreamName("states/logged/e1")
                .startFromHead(true)).events().stream().map(e -> Json.parse(e.message())).toList();
        assertThat(records).extracting(r -> r.get("type").textValue()).containsExactly("ExecutionStarted",
                "PassStateEntered", "PassStateExited", "FailStateEntered", "ExecutionFailed");
        assertThat(records.get(0).get("execution_arn").textValue()).isEqualTo(executionArn);
        assertThat(records.get(0).get("id").textValue()).isEqualTo("1");
        assertThat(records).allSatisfy(r -> assertThat(r.get("details").has("input")
                || r.get("details").has("output")).as("no execution data").isFalse());
        assertThat(records.get(4).get("details").get("error").textValue()).isEqualTo("Broken");
        assertThat(workers.executionLogs().failures()).isZero();
    }

    @Test
    void aMissingLogGroupIsCountedAndTheExecutionStillRuns() {
        ObjectNode request = Json.MAPPER.createObjectNode().put("name", "unlogged").put("roleArn", ROLE)
                .put("definition", """
                        {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"End":true}}}""");
        request.putObject("loggingConfiguration").put("level", "ALL").putArray("destinations").addObject()
                .putObject("cloudWatchLogsLogGroup").put("logGroupArn",
                        "arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:" + Moto.uniquePrefix() + "absent:*");
        String machineArn = call(api, "CreateStateMachine", request).get("stateMachineArn").textValue();
        String executionArn = call(api, "StartExecution", Json.MAPPER.createObjectNode()
                .put("stateMachineArn", machineArn)).get("executionArn").textValue();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (call(api, "DescribeExecution", Json.MAPPER.createObjectNode().put("executionArn", executionArn))
                .get("status").textValue().equals("RUNNING") && Instant.now().isBefore(deadline)) {
            drive(sqs, queues.transitions(), transitions::handleRequest);
            drive(sqs, queues.timers(), timers::handleRequest);
        }

        assertThat(call(api, "DescribeExecution", Json.MAPPER.createObjectNode().put("executionArn", executionArn))
                .get("status").textValue()).isEqualTo("SUCCEEDED");
        assertThat(workers.executionLogs().failures()).as("the workers' puts after the Wait").isPositive();
    }

    @Test
    void aSyncTaskStartsItsChildOnTheWorkersAndEndsWithItsDescription() {
        String child = call(api, "CreateStateMachine", Json.MAPPER.createObjectNode().put("name", "child")
                .put("definition", """
                        {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"got.$":"$.v"},"End":true}}}""")
                .put("roleArn", ROLE)).get("stateMachineArn").textValue();
        String parent = call(api, "CreateStateMachine", Json.MAPPER.createObjectNode().put("name", "parent")
                .put("definition", """
                        {"StartAt":"T","States":{"T":{"Type":"Task",
                         "Resource":"arn:aws:states:::states:startExecution.sync:2",
                         "Parameters":{"StateMachineArn":"%s","Name":"kid","Input":{"v.$":"$.v"}},
                         "OutputPath":"$.Output","End":true}}}""".formatted(child))
                .put("roleArn", ROLE)).get("stateMachineArn").textValue();
        String executionArn = call(api, "StartExecution", Json.MAPPER.createObjectNode()
                .put("stateMachineArn", parent).put("input", "{\"v\":7}")).get("executionArn").textValue();

        JsonNode described = runToEnd(executionArn);

        assertThat(described.get("status").textValue()).isEqualTo("SUCCEEDED");
        assertThat(Json.parse(described.get("output").textValue())).isEqualTo(Json.parse("{\"got\":7}"));
        List<String> types = new ArrayList<>();
        call(api, "GetExecutionHistory", Json.MAPPER.createObjectNode().put("executionArn", executionArn))
                .get("events").forEach(event -> types.add(event.get("type").textValue()));
        assertThat(types).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(call(api, "DescribeExecution", Json.MAPPER.createObjectNode().put("executionArn",
                "arn:aws:states:us-east-1:123456789012:execution:child:kid")).get("status").textValue())
                .isEqualTo("SUCCEEDED");
    }

    /** Feeds the workers until the execution ends; returns its description. */
    private JsonNode runToEnd(String executionArn) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String status = "RUNNING";
        while (status.equals("RUNNING") && Instant.now().isBefore(deadline)) {
            drive(sqs, queues.transitions(), transitions::handleRequest);
            drive(sqs, queues.tasks(), tasks::handleRequest);
            drive(sqs, queues.timers(), timers::handleRequest);
            status = call(api, "DescribeExecution", Json.MAPPER.createObjectNode()
                    .put("executionArn", executionArn)).get("status").textValue();
        }
        return call(api, "DescribeExecution", Json.MAPPER.createObjectNode().put("executionArn", executionArn));
    }

    /** Feeds the worker what the queue holds now, as one batch, deleting what it did not report failed. */
    private static void drive(SqsClient sqs, String queueUrl, java.util.function.BiFunction<SQSEvent,
            com.amazonaws.services.lambda.runtime.Context, SQSBatchResponse> worker) {
        List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                .visibilityTimeout(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
        if (batch.isEmpty()) {
            return;
        }
        SQSEvent event = SqsEvents.of(batch);
        SQSBatchResponse response = worker.apply(event, null);
        List<String> failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
        assertThat(failed).as("failed messages of " + queueUrl).isEmpty();
        for (Message message : batch) {
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
    }

    private static APIGatewayProxyRequestEvent event(String operation, JsonNode body) {
        return new APIGatewayProxyRequestEvent().withHttpMethod("POST").withPath("/")
                .withHeaders(Map.of("X-Amz-Target", "AWSStepFunctions." + operation,
                        "Content-Type", ApiHandler.CONTENT_TYPE))
                .withBody(body.toString());
    }

    private static JsonNode call(ApiHandler api, String operation, JsonNode body) {
        APIGatewayProxyResponseEvent response = api.handleRequest(event(operation, body), null);
        assertThat(response.getStatusCode()).as(operation + ": " + response.getBody()).isEqualTo(200);
        return Json.parse(response.getBody());
    }

}
