package io.stepwise.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.stepwise.functions.ApiHandler;
import io.stepwise.functions.Environment;
import io.stepwise.functions.handler.SweepWorker;
import io.stepwise.functions.handler.TaskWorker;
import io.stepwise.functions.handler.TimerWorker;
import io.stepwise.functions.handler.TransitionWorker;
import io.stepwise.functions.store.DynamoDbTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * The synthesized {@link StepwiseStack}, with and without a customer KMS key. All CDK assertions live in this one
 * class: the first CDK use in a JVM boots jsii and node (several seconds), later stacks are cheap.
 */
class StepwiseStackTest {
    private static final String KEY = "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
    private static Path jar;
    private static Template template;
    private static Template withKey;
    private static Template withTopic;
    private static Template restApi;
    private static final String TOPIC = "arn:aws:sns:eu-west-1:111122223333:stepwise-alarms";

    @BeforeAll
    static void synthesize() throws IOException {
        // The asset is copied as it is; any file stands in for the functions jar, which `package` builds later.
        jar = Files.createTempFile("functions", ".jar");
        Files.writeString(jar, "not a real jar");
        template = Template.fromStack(new StepwiseStack(new App(), "Plain", StackProps.builder().build(),
                new StepwiseOptions(jar.toString(), null)));
        withKey = Template.fromStack(new StepwiseStack(new App(), "Keyed", StackProps.builder().build(),
                new StepwiseOptions(jar.toString(), KEY)));
        withTopic = Template.fromStack(new StepwiseStack(new App(), "Alerting", StackProps.builder().build(),
                new StepwiseOptions(jar.toString(), null, TOPIC, null)));
        restApi = Template.fromStack(new StepwiseStack(new App(), "Rest", StackProps.builder().build(),
                new StepwiseOptions(jar.toString(), null, null, null, ApiKind.REST)));
    }

    @AfterAll
    static void removeJar() throws IOException {
        Files.deleteIfExists(jar);
    }

    @Test
    void tablesAreOnDemandWithPointInTimeRecoveryAndEncryptionAndKept() {
        template.resourceCountIs("AWS::DynamoDB::Table", 10);
        Map<String, Map<String, Object>> tables = template.findResources("AWS::DynamoDB::Table");
        assertThat(tables.values()).allSatisfy(table -> {
            assertThat(table.get("DeletionPolicy")).isEqualTo("Retain");
            assertThat(properties(table)).containsEntry("BillingMode", "PAY_PER_REQUEST")
                    .containsEntry("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))
                    .containsEntry("SSESpecification", Map.of("SSEEnabled", true));
        });
    }

    /** Names, keys, attribute types and indexes exactly as the functions' {@link DynamoDbTables} creates them. */
    @Test
    void tablesAreExactlyThoseTheFunctionsCreate() {
        Map<String, Map<String, Object>> declared = new TreeMap<>();
        for (Map<String, Object> table : template.findResources("AWS::DynamoDB::Table").values()) {
            declared.put((String) properties(table).get("TableName"), properties(table));
        }
        Map<String, Map<String, Object>> expected = new TreeMap<>();
        for (CreateTableRequest request : new DynamoDbTables("Plain-").definitions()) {
            expected.put(request.tableName(), Map.of(
                    "KeySchema", keys(request.keySchema()),
                    "AttributeDefinitions", new TreeSet<>(request.attributeDefinitions().stream()
                            .map(a -> a.attributeName() + ":" + a.attributeTypeAsString()).toList()),
                    "GlobalSecondaryIndexes", request.globalSecondaryIndexes().stream().map(index ->
                            index.indexName() + " " + keys(index.keySchema()) + " "
                                    + index.projection().projectionTypeAsString() + " "
                                    + index.projection().nonKeyAttributes()).sorted().toList()));
        }
        Map<String, Map<String, Object>> actual = new TreeMap<>();
        declared.forEach((name, table) -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> indexes = (List<Map<String, Object>>) table.getOrDefault(
                    "GlobalSecondaryIndexes", List.of());
            actual.put(name, Map.of(
                    "KeySchema", cfnKeys(table.get("KeySchema")),
                    "AttributeDefinitions", new TreeSet<>(((List<?>) table.get("AttributeDefinitions")).stream()
                            .map(a -> ((Map<?, ?>) a).get("AttributeName") + ":"
                                    + ((Map<?, ?>) a).get("AttributeType")).toList()),
                    "GlobalSecondaryIndexes", indexes.stream().map(index -> {
                        Map<?, ?> projection = (Map<?, ?>) index.get("Projection");
                        Object nonKey = projection.get("NonKeyAttributes");
                        return index.get("IndexName") + " " + cfnKeys(index.get("KeySchema")) + " "
                                + projection.get("ProjectionType") + " " + (nonKey == null ? List.of() : nonKey);
                    }).sorted().toList()));
        });
        assertThat(actual).isEqualTo(expected);
    }

    private static List<String> keys(List<KeySchemaElement> keys) {
        return keys.stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList();
    }

    private static List<String> cfnKeys(Object keys) {
        return ((List<?>) keys).stream().map(k -> ((Map<?, ?>) k).get("AttributeName") + ":"
                + ((Map<?, ?>) k).get("KeyType")).toList();
    }

    @Test
    void queuesAreThoseTheFunctionsUseWithDeadLetterQueuesAndEncrypted() {
        template.resourceCountIs("AWS::SQS::Queue", 6);
        assertThat(template.findResources("AWS::SQS::Queue").values())
                .allSatisfy(queue -> assertThat(properties(queue)).containsEntry("SqsManagedSseEnabled", true)
                        .containsEntry("MaximumMessageSize", 1024 * 1024));
        Set<String> names = new TreeSet<>();
        template.findResources("AWS::SQS::Queue").values().forEach(queue ->
                names.add((String) properties(queue).get("QueueName")));
        assertThat(names).containsExactlyInAnyOrder("Plain-transitions.fifo", "Plain-transitions-dlq.fifo",
                "Plain-tasks", "Plain-tasks-dlq", "Plain-timers", "Plain-timers-dlq");
        // SqsTransitionQueue sets a deduplication id on every message: no content-based deduplication.
        template.hasResourceProperties("AWS::SQS::Queue", Map.of("QueueName", "Plain-transitions.fifo",
                "FifoQueue", true, "ContentBasedDeduplication", false,
                "RedrivePolicy", Map.of("deadLetterTargetArn", Match.anyValue(), "maxReceiveCount", 5)));
        assertThat(template.findResources("AWS::SQS::Queue", Map.of("Properties",
                Map.of("RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", 5)))))).hasSize(3);
        template.resourceCountIs("AWS::SQS::QueuePolicy", 6);
    }

    @Test
    void payloadBucketIsEncryptedPrivateAndTlsOnly() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true)));
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny", "Action", "s3:*",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void handlersAreTheFunctionsClasses() {
        assertThat(List.of(StepwiseStack.API_HANDLER, StepwiseStack.TRANSITION_WORKER, StepwiseStack.TASK_WORKER,
                StepwiseStack.TIMER_WORKER, StepwiseStack.SWEEP_WORKER)).containsExactly(ApiHandler.class.getName(),
                TransitionWorker.class.getName(), TaskWorker.class.getName(), TimerWorker.class.getName(),
                SweepWorker.class.getName());
        for (Class<?> handler : List.of(ApiHandler.class, TransitionWorker.class, TaskWorker.class,
                TimerWorker.class, SweepWorker.class)) {
            assertThat(RequestHandler.class).isAssignableFrom(handler);
        }
    }

    @Test
    void functionsAreJava21OnArm64WithSnapStartBehindAliases() {
        template.resourceCountIs("AWS::Lambda::Function", 5);
        for (String handler : List.of(StepwiseStack.API_HANDLER, StepwiseStack.TRANSITION_WORKER,
                StepwiseStack.TASK_WORKER, StepwiseStack.TIMER_WORKER, StepwiseStack.SWEEP_WORKER)) {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", handler,
                    "Runtime", "java21", "Architectures", List.of("arm64"),
                    "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                    "Environment", Map.of("Variables", Match.objectLike(Map.of(
                            Environment.TABLE_PREFIX, "Plain-",
                            Environment.TRANSITION_QUEUE_URL, Match.anyValue(),
                            Environment.ACCOUNT_ID, Map.of("Ref", "AWS::AccountId"))))));
        }
        template.resourceCountIs("AWS::Lambda::Alias", 5);
        template.resourceCountIs("AWS::Lambda::Version", 5);
        Map<String, Map<String, Object>> mappings = template.findResources("AWS::Lambda::EventSourceMapping");
        assertThat(mappings).hasSize(3);
        Set<String> fed = new TreeSet<>();
        mappings.values().forEach(mapping -> {
            assertThat(properties(mapping)).containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
            String function = String.valueOf(properties(mapping).get("FunctionName"));
            String queue = String.valueOf(properties(mapping).get("EventSourceArn"));
            fed.add(function.replaceAll(".*Ref=([A-Za-z]+?)Alias.*", "$1") + " <- "
                    + queue.replaceAll(".*\\[(Transitions|Tasks|Timers)Queue.*", "$1"));
        });
        assertThat(fed).containsExactlyInAnyOrder("TransitionWorker <- Transitions", "TaskWorker <- Tasks",
                "TimerWorker <- Timers");
    }

    /** The workers mostly wait, so they run at 512 MB (BENCHMARKS.md); the API function keeps 1024 MB. */
    @Test
    void workersRunAt512MbUnlessToldOtherwiseAndTheApiAt1024() {
        assertThat(memoryByHandler(template)).containsEntry(StepwiseStack.API_HANDLER, 1024)
                .containsEntry(StepwiseStack.TRANSITION_WORKER, 512).containsEntry(StepwiseStack.TASK_WORKER, 512)
                .containsEntry(StepwiseStack.TIMER_WORKER, 512).containsEntry(StepwiseStack.SWEEP_WORKER, 512);
        Template larger = Template.fromStack(new StepwiseStack(new App(), "Larger", StackProps.builder().build(),
                new StepwiseOptions(jar.toString(), null, null, null, ApiKind.REST, 1024)));
        assertThat(memoryByHandler(larger)).containsEntry(StepwiseStack.TRANSITION_WORKER, 1024)
                .containsEntry(StepwiseStack.TASK_WORKER, 1024).containsEntry(StepwiseStack.TIMER_WORKER, 512);
    }

    private static Map<String, Object> memoryByHandler(Template t) {
        Map<String, Object> memory = new TreeMap<>();
        for (Map<String, Object> function : t.findResources("AWS::Lambda::Function").values()) {
            memory.put((String) properties(function).get("Handler"), properties(function).get("MemorySize"));
        }
        return memory;
    }

    @Test
    void environmentNamesAreThoseTheFunctionsRead() {
        Set<String> everyFunction = new TreeSet<>(Environment.SET_BY_STACK);
        everyFunction.removeAll(Environment.TASK_DISPATCHERS_ONLY);
        for (Map<String, Object> function : template.findResources("AWS::Lambda::Function").values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) properties(function)
                    .get("Environment")).get("Variables");
            // The timer worker only relays timers to the transition queue; every other function dispatches tasks.
            assertThat(new TreeSet<>(variables.keySet())).isEqualTo(
                    properties(function).get("Handler").equals(StepwiseStack.TIMER_WORKER) ? everyFunction
                            : new TreeSet<>(Environment.SET_BY_STACK));
        }
        assertThat(StepwiseStack.TASK_FUNCTION).isEqualTo(Environment.TASK_FUNCTION);
    }

    /**
     * The task worker's alias ARN, spelt out (a reference would make the task worker depend on itself): its name is
     * the one the stack gives the function, its qualifier the alias the stack publishes.
     */
    @Test
    void theFunctionsThatDispatchTasksInvokeTheTaskWorkersAliasAndNothingElse() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", StepwiseStack.TASK_WORKER,
                "FunctionName", "Plain-task-worker"));
        String arn = String.valueOf(template.findResources("AWS::Lambda::Function", Map.of("Properties",
                Map.of("Handler", StepwiseStack.API_HANDLER))).values().stream().map(f -> ((Map<?, ?>) ((Map<?, ?>)
                properties(f).get("Environment")).get("Variables")).get(Environment.TASK_FUNCTION)).findFirst()
                .orElseThrow());
        assertThat(arn).contains("lambda:", ":function:Plain-task-worker:" + StepwiseFunction.ALIAS)
                .contains("AWS::Partition", "AWS::Region", "AWS::AccountId");
        Map<String, List<Object>> invoked = new TreeMap<>();
        template.findResources("AWS::IAM::Policy").forEach((id, policy) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> document = (Map<String, Object>) properties(policy).get("PolicyDocument");
            for (Object statement : (List<?>) document.get("Statement")) {
                Map<?, ?> s = (Map<?, ?>) statement;
                if (list(s.get("Action")).stream().anyMatch(action -> action.startsWith("lambda:"))) {
                    assertThat(list(s.get("Action"))).containsExactly("lambda:InvokeFunction");
                    invoked.computeIfAbsent(id.replaceAll("FunctionServiceRoleDefaultPolicy[0-9A-F]{8}$", ""),
                            k -> new ArrayList<>()).add(s.get("Resource"));
                }
            }
        });
        assertThat(invoked.keySet()).containsExactly("Api", "SweepWorker", "TaskWorker", "TransitionWorker");
        assertThat(invoked.values()).allSatisfy(resources -> assertThat(resources).singleElement()
                .satisfies(resource -> assertThat(String.valueOf(resource)).isEqualTo(arn)));
    }

    /** A task event Lambda cannot deliver ends in the task queue's dead-letter queue, which has an alarm. */
    @Test
    void theTaskWorkersAsynchronousInvocationsRetryTwiceAndFailToTheTaskDeadLetterQueue() {
        template.resourceCountIs("AWS::Lambda::EventInvokeConfig", 1);
        template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Map.of(
                "FunctionName", Map.of("Ref", Match.stringLikeRegexp("TaskWorkerFunction.*")),
                // The alias's name, selected from its ARN (so the configuration waits for the alias).
                "Qualifier", Match.anyValue(),
                "MaximumRetryAttempts", 2,
                "MaximumEventAgeInSeconds", 6 * 3600,
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination", Map.of("Fn::GetAtt",
                        List.of(Match.stringLikeRegexp("TasksDeadLetters.*"), "Arn"))))));
        Map<String, List<String>> actions = actionsByPolicy(template);
        assertThat(actions.get("TaskWorkerFunctionServiceRoleDefaultPolicy")).as("the on-failure destination")
                .contains("sqs:SendMessage");
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmDescription",
                "Messages of the Stepwise Tasks queue failed 5 times, or task events Lambda gave up on after its"
                        + " retries, and wait in its dead-letter queue"));
    }

    @Test
    void everyMethodOfTheRestApiOptionRequiresIamAndReachesTheApiAlias() {
        Map<String, Map<String, Object>> methods = restApi.findResources("AWS::ApiGateway::Method");
        assertThat(methods).isNotEmpty().allSatisfy((id, method) ->
                assertThat(properties(method)).containsEntry("AuthorizationType", "AWS_IAM"));
        restApi.hasResourceProperties("AWS::ApiGateway::Method", Map.of("HttpMethod", "POST",
                "Integration", Match.objectLike(Map.of("Type", "AWS_PROXY"))));
        restApi.resourceCountIs("AWS::ApiGateway::Account", 0);
        restApi.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Principal", "apigateway.amazonaws.com",
                "FunctionName", Map.of("Ref", Match.stringLikeRegexp("ApiAlias.*"))));
    }

    /** Every body reaches the function as its bytes, base64-encoded, as the functions' loopback gateway passes it. */
    @Test
    void theRestApiOptionTreatsEveryMediaTypeAsBinary() {
        restApi.hasResourceProperties("AWS::ApiGateway::RestApi", Map.of(
                "BinaryMediaTypes", ApiHandler.BINARY_MEDIA_TYPES));
        assertThat(StepwiseStack.BINARY_MEDIA_TYPES).isEqualTo(ApiHandler.BINARY_MEDIA_TYPES);
        restApi.resourceCountIs("AWS::ApiGatewayV2::Api", 0);
        restApi.hasOutput("ApiUrl", Match.anyValue());
        assertThat(ApiKind.parse("Rest")).isEqualTo(ApiKind.REST);
    }

    /**
     * The default, an HTTP API: $1.00 per million requests instead of the REST API's $3.50, what keeps the typical
     * workflow within $2.50 per million transitions (BENCHMARKS.md).
     */
    @Test
    void theDefaultHttpApiRoutesPostToTheApiAliasWithIamAndTheRestApisEventShape() {
        assertThat(ApiKind.parse(null)).isEqualTo(ApiKind.HTTP);
        assertThat(ApiKind.parse("Http")).isEqualTo(ApiKind.HTTP);
        Template httpApi = template;
        httpApi.resourceCountIs("AWS::ApiGateway::RestApi", 0);
        httpApi.resourceCountIs("AWS::ApiGateway::Method", 0);
        httpApi.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
        httpApi.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("ProtocolType", "HTTP"));
        Map<String, Map<String, Object>> routes = httpApi.findResources("AWS::ApiGatewayV2::Route");
        assertThat(routes).hasSize(1);
        assertThat(properties(routes.values().iterator().next())).containsEntry("RouteKey", "POST /")
                .containsEntry("AuthorizationType", "AWS_IAM");
        httpApi.hasResourceProperties("AWS::ApiGatewayV2::Integration", Map.of("IntegrationType", "AWS_PROXY",
                "PayloadFormatVersion", "1.0",
                "IntegrationUri", Map.of("Ref", Match.stringLikeRegexp("ApiAlias.*"))));
        httpApi.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of("StageName", "$default",
                "AutoDeploy", true));
        httpApi.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Principal", "apigateway.amazonaws.com",
                "FunctionName", Map.of("Ref", Match.stringLikeRegexp("ApiAlias.*"))));
        httpApi.hasOutput("ApiUrl", Match.anyValue());
        httpApi.resourceCountIs("AWS::Lambda::Function", 5);
    }

    @Test
    void noPolicyGrantsWildcardActionsOrResources() {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Template t : List.of(template, withKey, restApi)) {
            for (Map<String, Object> policy : t.findResources("AWS::IAM::Policy").values()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> document = (Map<String, Object>) properties(policy).get("PolicyDocument");
                for (Object statement : (List<?>) document.get("Statement")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> s = (Map<String, Object>) statement;
                    statements.add(s);
                }
            }
        }
        assertThat(statements).isNotEmpty().allSatisfy(statement -> {
            assertThat(list(statement.get("Action"))).noneMatch(action -> action.equals("*")
                    || action.endsWith(":*"));
            assertThat(list(statement.get("Resource"))).doesNotContain("*");
        });
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Action", "sts:AssumeRole")))))));
    }

    @Test
    void eachFunctionHoldsOnlyWhatItUses() {
        Map<String, List<String>> actions = actionsByPolicy(template);
        List<String> api = actions.get("ApiFunctionServiceRoleDefaultPolicy");
        List<String> tasks = actions.get("TaskWorkerFunctionServiceRoleDefaultPolicy");
        List<String> transitions = actions.get("TransitionWorkerFunctionServiceRoleDefaultPolicy");
        List<String> timers = actions.get("TimerWorkerFunctionServiceRoleDefaultPolicy");
        List<String> sweep = actions.get("SweepWorkerFunctionServiceRoleDefaultPolicy");
        // StartSyncExecution and TestState run integrations in the API function, as the state machine's role.
        assertThat(api).contains("dynamodb:PutItem", "sqs:SendMessage", "s3:PutObject", "sts:AssumeRole")
                .doesNotContain("sqs:ReceiveMessage");
        // The task worker also starts a Distributed Map's children and tells parents that a child ended.
        assertThat(tasks).contains("sts:AssumeRole", "sqs:ReceiveMessage", "sqs:SendMessage", "dynamodb:UpdateItem",
                "dynamodb:PutItem", "s3:GetObject").doesNotContain("dynamodb:CreateTable");
        assertThat(transitions).contains("dynamodb:UpdateItem", "sqs:ReceiveMessage", "s3:GetObject")
                .doesNotContain("sts:AssumeRole");
        assertThat(timers).contains("sqs:ReceiveMessage", "sqs:SendMessage")
                .noneMatch(action -> action.startsWith("dynamodb:") || action.startsWith("s3:")
                        || action.startsWith("sts:"));
        // It queries the sweep index, reads the executions it names and claims their tasks in their items; it drops
        // a task of the older outbox table that the stored execution no longer waits for.
        assertThat(sweep).contains("dynamodb:Scan", "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                "dynamodb:GetItem", "s3:GetObject", "sqs:SendMessage")
                .doesNotContain("sqs:ReceiveMessage", "sts:AssumeRole", "dynamodb:PutItem", "s3:PutObject");
        assertThat(api).as("status events of starts and stops").contains("events:PutEvents");
        assertThat(transitions).as("status events of steps").contains("events:PutEvents");
        assertThat(tasks).as("status events of the steps that apply a task's answer").contains("events:PutEvents");
        assertThat(List.of(timers, sweep)).allSatisfy(policy -> assertThat(policy)
                .doesNotContain("events:PutEvents"));
        assertThat(List.of(api, transitions, tasks)).allSatisfy(runsSteps -> assertThat(runsSteps)
                .contains("logs:CreateLogStream", "logs:PutLogEvents"));
        assertThat(timers).noneMatch(action -> action.startsWith("logs:"));
        assertThat(List.of(api, transitions, tasks, sweep)).as("tasks by asynchronous invocation")
                .allSatisfy(dispatches -> assertThat(dispatches).contains("lambda:InvokeFunction"));
        assertThat(timers).noneMatch(action -> action.startsWith("lambda:"));
        assertThat(sweep).noneMatch(action -> action.startsWith("logs:"));
        assertThat(actions.values()).flatMap(list -> list).noneMatch(action -> action.matches(
                "dynamodb:(CreateTable|DeleteTable|UpdateTable|DescribeTable|GetRecords|GetShardIterator)"));
    }

    @Test
    void executionLogsMayGoOnlyToLogGroupsUnderTheConfiguredPrefix() {
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"))))))));
        assertThat(template.toJSON().toString())
                .contains(":log-group:" + StepwiseOptions.DEFAULT_LOG_GROUP_PREFIX + "*");
    }

    @Test
    void alarmsWatchDeadLettersErrorsAndThrottles() {
        template.resourceCountIs("AWS::CloudWatch::Alarm", 13);
        assertThat(template.findResources("AWS::CloudWatch::Alarm", Map.of("Properties", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible", "Namespace", "AWS/SQS")))).hasSize(3);
        assertThat(template.findResources("AWS::CloudWatch::Alarm", Map.of("Properties", Map.of(
                "MetricName", "Errors", "Namespace", "AWS/Lambda")))).hasSize(5);
        assertThat(template.findResources("AWS::CloudWatch::Alarm", Map.of("Properties", Map.of(
                "MetricName", "Throttles", "Namespace", "AWS/Lambda")))).hasSize(5);
    }

    @Test
    void everyAlarmNotifiesTheAlarmTopicWhenOneIsGivenAndNoneOtherwise() {
        assertThat(withTopic.findResources("AWS::CloudWatch::Alarm").values()).hasSize(13).allSatisfy(alarm ->
                assertThat(properties(alarm).get("AlarmActions")).isEqualTo(List.of(TOPIC)));
        assertThat(template.findResources("AWS::CloudWatch::Alarm").values()).allSatisfy(alarm ->
                assertThat(properties(alarm)).doesNotContainKey("AlarmActions"));
    }

    @Test
    void sweepRuleRunsTheSweepWorkerEveryMinute() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of("ScheduleExpression", "rate(1 minute)",
                "Targets", List.of(Match.objectLike(Map.of("Input", "{\"stepwise\":\"sweep\"}",
                        "Arn", Map.of("Ref", Match.stringLikeRegexp("SweepWorkerAlias.*")))))));
    }

    @Test
    void outputsNameTheApiUrlAndTheRoleToTrust() {
        template.hasOutput("ApiUrl", Match.anyValue());
        template.hasOutput("ApiRoleArn", Map.of("Value", Map.of("Fn::GetAtt",
                List.of(Match.stringLikeRegexp("ApiFunctionServiceRole.*"), "Arn"))));
        template.hasOutput("WorkerRoleArn", Map.of("Value", Map.of("Fn::GetAtt",
                List.of(Match.stringLikeRegexp("TaskWorkerFunctionServiceRole.*"), "Arn"))));
    }

    @Test
    void customerKeyEncryptsTablesQueuesAndBucket() {
        assertThat(withKey.findResources("AWS::DynamoDB::Table").values()).allSatisfy(table ->
                assertThat(properties(table).get("SSESpecification")).isEqualTo(Map.of(
                        "KMSMasterKeyId", KEY, "SSEEnabled", true, "SSEType", "KMS")));
        assertThat(withKey.findResources("AWS::SQS::Queue").values()).allSatisfy(queue ->
                assertThat(properties(queue)).containsEntry("KmsMasterKeyId", KEY));
        withKey.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketEncryption", Map.of(
                "ServerSideEncryptionConfiguration", List.of(Map.of("BucketKeyEnabled", true,
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "aws:kms",
                                "KMSMasterKeyID", KEY))))));
        withKey.resourceCountIs("AWS::KMS::Key", 0);
    }

    private static Map<String, List<String>> actionsByPolicy(Template t) {
        Map<String, List<String>> actions = new TreeMap<>();
        t.findResources("AWS::IAM::Policy").forEach((id, policy) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> document = (Map<String, Object>) properties(policy).get("PolicyDocument");
            List<String> all = new ArrayList<>();
            for (Object statement : (List<?>) document.get("Statement")) {
                all.addAll(list(((Map<?, ?>) statement).get("Action")));
            }
            actions.put(id.replaceAll("[0-9A-F]{8}$", ""), all);
        });
        return actions;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    private static List<String> list(Object value) {
        if (value instanceof List<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }
}
