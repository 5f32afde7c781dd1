package io.stepwise.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.functions.handler.AwsConfig;
import io.stepwise.functions.handler.AwsRuntime;
import io.stepwise.functions.queue.SqsQueues;
import io.stepwise.functions.store.DynamoDbExecutionCallers;
import io.stepwise.functions.store.DynamoDbTables;
import io.stepwise.query.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The caller API Gateway established, recorded with the execution it started, on moto's DynamoDB. */
class CallerIdentityOnAwsTest {
    private static final String ROLE = "arn:aws:iam::111122223333:role/StepwiseMachine";
    private static final CallerIdentity OPS = new CallerIdentity(
            "arn:aws:sts::111122223333:assumed-role/OpsRole/deployer", "AROAEXAMPLEROLEID:deployer", "111122223333");
    private static final CallerIdentity OTHER = new CallerIdentity(
            "arn:aws:iam::111122223333:user/alice", "AIDAEXAMPLEUSERID", "111122223333");
    private static final String WAIT = """
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":600,"End":true}}}""";

    private final List<ApiCall> audit = new ArrayList<>();
    private DynamoDbExecutionCallers callers;
    private ApiHandler api;

    @BeforeEach
    void deploy() {
        DynamoDbClient dynamo = Moto.dynamo();
        String prefix = Moto.uniquePrefix();
        DynamoDbTables tables = new DynamoDbTables(prefix);
        tables.create(dynamo);
        SqsQueues queues = SqsQueues.create(Moto.sqs(), prefix, 30);
        AwsRuntime runtime = new AwsRuntime(new AwsConfig(prefix, queues.transitions(), queues.tasks(),
                queues.timers(), "us-east-1", Moto.endpoint(), null), dynamo, Moto.sqs(), null,
                resource -> Optional.empty(), Clock.systemUTC());
        callers = new DynamoDbExecutionCallers(dynamo, tables);
        api = new ApiHandler(ApiComposition.service(runtime.adapters(), Clock.systemUTC(), ApiComposition.arns(
                Map.of(Environment.REGION, "us-east-1", Environment.ACCOUNT_ID, "111122223333"))), audit::add,
                callers);
    }

    @Test
    void theStartingCallerIsRecordedWithTheExecutionAndAnIdempotentRepeatByAnotherKeepsIt() {
        String machine = call("CreateStateMachine", OPS, Json.MAPPER.createObjectNode().put("name", "m")
                .put("definition", WAIT).put("roleArn", ROLE)).get("stateMachineArn").textValue();
        JsonNode start = Json.MAPPER.createObjectNode().put("stateMachineArn", machine).put("name", "e")
                .put("input", "{}");

        String executionArn = call("StartExecution", OPS, start).get("executionArn").textValue();
        assertThat(call("StartExecution", OTHER, start).get("executionArn").textValue())
                .as("the same name and input: the same execution").isEqualTo(executionArn);

        assertThat(callers.of(executionArn)).contains(OPS);
        assertThat(audit).filteredOn(c -> "StartExecution".equals(c.operation())).extracting(ApiCall::caller)
                .containsExactly(OPS, OTHER);
    }

    @Test
    void aStartWithoutAnIdentityOrThatFailedRecordsNothing() {
        String machine = call("CreateStateMachine", OPS, Json.MAPPER.createObjectNode().put("name", "m")
                .put("definition", WAIT).put("roleArn", ROLE)).get("stateMachineArn").textValue();
        String executionArn = call("StartExecution", CallerIdentity.UNKNOWN, Json.MAPPER.createObjectNode()
                .put("stateMachineArn", machine).put("name", "anonymous")).get("executionArn").textValue();
        APIGatewayProxyResponseEvent refused = api.handleRequest(event("StartExecution", OTHER,
                Json.MAPPER.createObjectNode().put("stateMachineArn", machine).put("name", "anonymous")
                        .put("input", "{\"other\":1}")), null);

        assertThat(Json.parse(refused.getBody()).get("__type").textValue()).isEqualTo("ExecutionAlreadyExists");
        assertThat(callers.of(executionArn)).isEmpty();
    }

    private JsonNode call(String operation, CallerIdentity caller, JsonNode body) {
        APIGatewayProxyResponseEvent response = api.handleRequest(event(operation, caller, body), null);
        assertThat(response.getStatusCode()).as(operation + ": " + response.getBody()).isEqualTo(200);
        return Json.parse(response.getBody());
    }

    /** The proxy event of a SigV4-signed call, with the identity API Gateway's IAM authorisation fills in. */
    private static APIGatewayProxyRequestEvent event(String operation, CallerIdentity caller, JsonNode body) {
        APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity()
                .withUserArn(caller.userArn()).withCaller(caller.caller()).withAccountId(caller.accountId());
        return new APIGatewayProxyRequestEvent().withHttpMethod("POST").withPath("/")
                .withHeaders(Map.of("X-Amz-Target", "AWSStepFunctions." + operation,
                        "Content-Type", ApiHandler.CONTENT_TYPE))
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withIdentity(identity))
                .withBody(body.toString());
    }
}
