package io.stepwise.integrations.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.integrations.Moto;
import io.stepwise.integrations.ServiceIntegrations;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lambda through the Invoke API. moto runs function code only in Docker, which this project's machines lack, so
 * what is checked here is the error mapping and parameter handling against moto's real Lambda API; a successful
 * invoke and function errors are checked against an endpoint speaking the Invoke API in
 * {@link LambdaApiEndpointTest}.
 */
class LambdaInvokeTest {
    private ServiceIntegrations integrations;

    @BeforeEach
    void start() {
        integrations = new ServiceIntegrations(Moto.clients(), true);
    }

    @AfterEach
    void stop() {
        if (integrations != null) {
            integrations.close();
        }
    }

    private TaskOutcome invoke(String resource, String parameters) {
        return integrations.find(resource).orElseThrow().invoke(new TaskRequest(
                "arn:aws:states:us-east-1:123456789012:execution:m:e", "S", resource, Json.parse(parameters),
                null, null, null, null));
    }

    @Test
    void aMissingFunctionIsResourceNotFoundException() {
        TaskOutcome outcome = invoke("arn:aws:states:::lambda:invoke",
                "{\"FunctionName\": \"no-such-function\", \"Payload\": {\"a\": 1}}");
        assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class,
                failed -> assertThat(failed.error()).isEqualTo("Lambda.ResourceNotFoundException"));
    }

    @Test
    void aMissingFunctionArnAsResourceIsResourceNotFoundException() {
        TaskOutcome outcome = invoke("arn:aws:lambda:us-east-1:123456789012:function:no-such-function", "{\"a\": 1}");
        assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class,
                failed -> assertThat(failed.error()).isEqualTo("Lambda.ResourceNotFoundException"));
    }

    @Test
    void refusesParametersInvokeDoesNotHave() {
        TaskOutcome outcome = invoke("arn:aws:states:::lambda:invoke", "{\"FunctionName\": \"f\", \"Bogus\": 1}");
        assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class, failed -> {
            assertThat(failed.error()).isEqualTo(StatesErrors.TASK_FAILED);
            assertThat(failed.cause()).isEqualTo("The field \"Bogus\" is not supported by Step Functions");
        });
    }

    @Test
    void lambdaResourcesAreLeftToLocalFunctionsUnlessRemoteLambdaIsOn() {
        try (ServiceIntegrations local = new ServiceIntegrations(Moto.clients(), false)) {
            assertThat(local.find("arn:aws:states:::lambda:invoke")).isEmpty();
            assertThat(local.find("arn:aws:lambda:us-east-1:123456789012:function:f")).isEmpty();
        }
    }

    @Test
    void otherPartitionsReachTheSameLambdaIntegrations() {
        for (String partition : new String[] {"aws-cn", "aws-us-gov"}) {
            TaskOutcome invoke = invoke("arn:" + partition + ":states:::lambda:invoke",
                    "{\"FunctionName\": \"no-such-function\", \"Payload\": {\"a\": 1}}");
            assertThat(invoke).as(partition).isInstanceOfSatisfying(TaskOutcome.Failed.class,
                    failed -> assertThat(failed.error()).isEqualTo("Lambda.ResourceNotFoundException"));
            TaskOutcome function = invoke("arn:" + partition + ":lambda:us-east-1:123456789012:function:no-such-function",
                    "{\"a\": 1}");
            assertThat(function).as(partition).isInstanceOfSatisfying(TaskOutcome.Failed.class,
                    failed -> assertThat(failed.error()).isEqualTo("Lambda.ResourceNotFoundException"));
        }
        try (ServiceIntegrations local = new ServiceIntegrations(Moto.clients(), false)) {
            assertThat(local.find("arn:aws-cn:states:::lambda:invoke")).isEmpty();
            assertThat(local.find("arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f")).isEmpty();
        }
    }

    @Test
    void stepFunctionsStartExecutionResolvesInEveryPartitionWithoutSync() {
        for (String partition : new String[] {"aws", "aws-cn", "aws-us-gov"}) {
            String resource = "arn:" + partition + ":states:::states:startExecution";
            assertThat(integrations.find(resource)).as(resource).isPresent();
            assertThat(integrations.find(resource + ".waitForTaskToken")).as(resource).isPresent();
            assertThat(integrations.find(resource + ".sync")).as(resource).isEmpty();
            assertThat(integrations.find(resource + ".sync:2")).as(resource).isEmpty();
            assertThat(integrations.find("arn:" + partition + ":states:::aws-sdk:s3:putObject.sync")).isEmpty();
        }
    }
}
