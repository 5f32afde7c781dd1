package io.stepwise.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The synthesized {@link StepwiseStack}, with and without a customer KMS key. All CDK assertions live in this one
 * class: the first CDK use in a JVM boots jsii and node (several seconds), later stacks are cheap.
 */
class StepwiseStackTest {
    private static final String KEY = "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
    private static Path jar;
    private static Template template;
    private static Template withKey;

    @BeforeAll
    static void synthesize() throws IOException {
        // The asset is copied as it is; any file stands in for the functions jar, which `package` builds later.
        jar = Files.createTempFile("functions", ".jar");
        Files.writeString(jar, "not a real jar");
        template = Template.fromStack(new StepwiseStack(new App(), "Plain", StackProps.builder().build(),
                new StepwiseOptions(jar.toString(), null)));
        withKey = Template.fromStack(new StepwiseStack(new App(), "Keyed", StackProps.builder().build(),
                new StepwiseOptions(jar.toString(), KEY)));
    }

    @AfterAll
    static void removeJar() throws IOException {
        Files.deleteIfExists(jar);
    }

    @Test
    void tablesAreOnDemandWithPointInTimeRecoveryAndEncryptionAndKept() {
        template.resourceCountIs("AWS::DynamoDB::Table", 6);
        Map<String, Map<String, Object>> tables = template.findResources("AWS::DynamoDB::Table");
        assertThat(tables.values()).allSatisfy(table -> {
            assertThat(table.get("DeletionPolicy")).isEqualTo("Retain");
            assertThat(properties(table)).containsEntry("BillingMode", "PAY_PER_REQUEST")
                    .containsEntry("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))
                    .containsEntry("SSESpecification", Map.of("SSEEnabled", true));
        });
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "executionArn", "KeyType", "HASH")),
                "GlobalSecondaryIndexes", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "IndexName", "byStateMachineStatus",
                        "KeySchema", List.of(Map.of("AttributeName", "stateMachineArn", "KeyType", "HASH"),
                                Map.of("AttributeName", "statusStartDate", "KeyType", "RANGE"))))))));
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of("KeySchema", List.of(
                Map.of("AttributeName", "executionArn", "KeyType", "HASH"),
                Map.of("AttributeName", "eventId", "KeyType", "RANGE"))));
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "tokenHash", "KeyType", "HASH")),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true)));
    }

    @Test
    void queuesHaveDeadLetterQueuesAndAreEncrypted() {
        template.resourceCountIs("AWS::SQS::Queue", 6);
        assertThat(template.findResources("AWS::SQS::Queue").values())
                .allSatisfy(queue -> assertThat(properties(queue)).containsEntry("SqsManagedSseEnabled", true));
        template.hasResourceProperties("AWS::SQS::Queue", Map.of("FifoQueue", true,
                "ContentBasedDeduplication", true,
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
    void functionsAreJava21OnArm64WithSnapStartBehindAliases() {
        template.resourceCountIs("AWS::Lambda::Function", 3);
        for (String handler : List.of(StepwiseStack.API_HANDLER, StepwiseStack.TRANSITION_WORKER,
                StepwiseStack.TASK_WORKER)) {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", handler,
                    "Runtime", "java21", "Architectures", List.of("arm64"),
                    "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                    "Environment", Map.of("Variables", Match.objectLike(Map.of(
                            "STEPWISE_EXECUTIONS_TABLE", Match.anyValue(),
                            "STEPWISE_TRANSITION_QUEUE_URL", Match.anyValue(),
                            "STEPWISE_ACCOUNT_ID", Map.of("Ref", "AWS::AccountId"))))));
        }
        template.resourceCountIs("AWS::Lambda::Alias", 3);
        template.resourceCountIs("AWS::Lambda::Version", 3);
        Map<String, Map<String, Object>> mappings = template.findResources("AWS::Lambda::EventSourceMapping");
        assertThat(mappings).hasSize(3);
        assertThat(mappings.values()).allSatisfy(mapping -> {
            assertThat(properties(mapping).get("FunctionName")).asString().contains("Alias");
            assertThat(properties(mapping)).containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
        });
    }

    @Test
    void environmentNamesAreThoseTheFunctionsRead() throws IOException {
        String read = Files.readString(Path.of("..", "functions", "src", "main", "java", "io", "stepwise",
                "functions", "Environment.java"));
        Set<String> readNames = new TreeSet<>();
        Matcher literal = Pattern.compile("\"(STEPWISE_[A-Z_]+)\"").matcher(read);
        while (literal.find()) {
            readNames.add(literal.group(1));
        }
        for (Map<String, Object> function : template.findResources("AWS::Lambda::Function").values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) properties(function)
                    .get("Environment")).get("Variables");
            assertThat(new TreeSet<>(variables.keySet())).isEqualTo(readNames);
        }
    }

    @Test
    void everyApiMethodRequiresIamAndReachesTheApiAlias() {
        Map<String, Map<String, Object>> methods = template.findResources("AWS::ApiGateway::Method");
        assertThat(methods).isNotEmpty().allSatisfy((id, method) ->
                assertThat(properties(method)).containsEntry("AuthorizationType", "AWS_IAM"));
        template.hasResourceProperties("AWS::ApiGateway::Method", Map.of("HttpMethod", "POST",
                "Integration", Match.objectLike(Map.of("Type", "AWS_PROXY"))));
        template.resourceCountIs("AWS::ApiGateway::Account", 0);
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Principal", "apigateway.amazonaws.com",
                "FunctionName", Map.of("Ref", Match.stringLikeRegexp("ApiAlias.*"))));
    }

    @Test
    void noPolicyGrantsWildcardActionsOrResources() {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Template t : List.of(template, withKey)) {
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
        assertThat(api).contains("dynamodb:PutItem", "sqs:SendMessage", "s3:PutObject")
                .doesNotContain("sts:AssumeRole", "events:PutEvents", "sqs:ReceiveMessage");
        assertThat(tasks).contains("sts:AssumeRole", "sqs:ReceiveMessage", "sqs:SendMessage")
                .noneMatch(action -> action.startsWith("dynamodb:"));
        assertThat(transitions).contains("dynamodb:UpdateItem", "events:PutEvents", "sqs:ReceiveMessage")
                .doesNotContain("sts:AssumeRole");
        assertThat(actions.values()).flatMap(list -> list).noneMatch(action -> action.matches(
                "dynamodb:(CreateTable|DeleteTable|UpdateTable|DescribeTable|GetRecords|GetShardIterator)"));
    }

    @Test
    void alarmsWatchDeadLettersErrorsAndThrottles() {
        template.resourceCountIs("AWS::CloudWatch::Alarm", 9);
        assertThat(template.findResources("AWS::CloudWatch::Alarm", Map.of("Properties", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible", "Namespace", "AWS/SQS")))).hasSize(3);
        assertThat(template.findResources("AWS::CloudWatch::Alarm", Map.of("Properties", Map.of(
                "MetricName", "Errors", "Namespace", "AWS/Lambda")))).hasSize(3);
        assertThat(template.findResources("AWS::CloudWatch::Alarm", Map.of("Properties", Map.of(
                "MetricName", "Throttles", "Namespace", "AWS/Lambda")))).hasSize(3);
    }

    @Test
    void sweepRuleRunsTheTransitionWorkerEveryMinute() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of("ScheduleExpression", "rate(1 minute)",
                "Targets", List.of(Match.objectLike(Map.of("Input", "{\"stepwise\":\"sweep\"}",
                        "Arn", Map.of("Ref", Match.stringLikeRegexp("TransitionWorkerAlias.*")))))));
    }

    @Test
    void outputsNameTheApiUrlAndTheRoleToTrust() {
        template.hasOutput("ApiUrl", Match.anyValue());
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
