package io.stepwise.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.api.ApiException;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every service integration does, against the moto server: it calls the service with the Task's parameters
 * and answers its response, refuses parameters the API does not have or of the wrong type with a cause that names
 * them, names the service's errors as AWS does, and for {@code .waitForTaskToken} parks the task once the call
 * went through. The task then waits in a real engine (in-memory stores, virtual time) for SendTaskSuccess,
 * SendTaskFailure or SendTaskHeartbeat with the token the integration was handed: {@code TimeoutSeconds} and
 * {@code HeartbeatSeconds} end it with {@code States.Timeout} and {@code States.HeartbeatTimeout}, and a token answered twice, after its task timed out,
 * or forged gets AWS's API error ({@code TaskTimedOut}, {@code TaskDoesNotExist}, {@code InvalidToken}). Each
 * integration's test extends this and adds what its service shows of the call.
 */
public abstract class IntegrationContract {
    protected static final String EXECUTION_ARN = "arn:aws:states:us-east-1:123456789012:execution:machine:run-1";

    protected AwsClients clients;
    protected ServiceIntegrations integrations;

    @BeforeEach
    void startClients() throws Exception {
        clients = clients();
        integrations = new ServiceIntegrations(clients, true);
    }

    /** The clients the integrations call with: the moto server's, unless the service needs another endpoint. */
    protected AwsClients clients() throws Exception {
        return Moto.clients();
    }

    @AfterEach
    void closeClients() {
        if (integrations != null) {
            integrations.close();
        }
    }

    /** The request-response resource under test. */
    protected abstract String resource();

    /** Parameters the service accepts; called after the test's resources exist. */
    protected abstract ObjectNode validParameters();

    /** Parameters the service refuses, e.g. naming a queue that does not exist. */
    protected abstract ObjectNode refusedParameters();

    /** The error name AWS reports for {@link #refusedParameters()}. */
    protected abstract String refusedError();

    /** A member of {@link #validParameters()} whose type is checked: set to a JSON object it must be refused. */
    protected abstract String typedMember();

    /** Checks the service saw the call of {@link #validParameters()} and the output has AWS's shape. */
    protected abstract void assertCalled(JsonNode output);

    /** Whether AWS offers {@code .waitForTaskToken} for this resource. */
    protected boolean supportsCallback() {
        return true;
    }

    protected TaskOutcome invoke(String resource, JsonNode parameters) {
        Integration integration = integrations.find(resource).orElseThrow(
                () -> new AssertionError("no integration for " + resource));
        return integration.invoke(new TaskRequest(EXECUTION_ARN, "State", resource, parameters,
                resource.endsWith(".waitForTaskToken") ? "token-1" : null, null, null, null));
    }

    protected static ObjectNode json(String text) {
        return (ObjectNode) Json.parse(text);
    }

    @Test
    void callsTheServiceAndAnswersItsResponse() {
        TaskOutcome outcome = invoke(resource(), validParameters());
        assertThat(outcome).isInstanceOf(TaskOutcome.Succeeded.class);
        assertCalled(((TaskOutcome.Succeeded) outcome).output());
    }

    @Test
    void refusesAParameterTheApiDoesNotHave() {
        ObjectNode parameters = validParameters().put("NoSuchParameter", 1);
        TaskOutcome outcome = invoke(resource(), parameters);
        assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class, failed -> {
            assertThat(failed.error()).isEqualTo(StatesErrors.TASK_FAILED);
            assertThat(failed.cause()).isEqualTo("The field \"NoSuchParameter\" is not supported by Step Functions");
        });
    }

    /**
     * AWS accepts the definition (ValidateStateMachineDefinition answered OK in a reported real case) and refuses
     * the field when the task runs; so does Stepwise.
     */
    @Test
    void aParameterTheApiDoesNotHaveIsAcceptedAtCreationAndFailsTheTask() {
        CallbackEngine engine = new CallbackEngine(integrations);
        ObjectNode task = Json.MAPPER.createObjectNode().put("Resource", resource());
        task.set("Parameters", validParameters().put("NoSuchParameter", 1));
        String execution = engine.start(task);

        JsonNode failed = engine.lastEvent(execution, "TaskFailed").orElseThrow().path("taskFailedEventDetails");
        assertThat(failed.path("error").asText()).isEqualTo(StatesErrors.TASK_FAILED);
        assertThat(failed.path("cause").asText())
                .isEqualTo("The field \"NoSuchParameter\" is not supported by Step Functions");
        assertThat(engine.describe(execution).path("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void refusesAParameterOfTheWrongType() {
        ObjectNode parameters = validParameters();
        parameters.putArray(typedMember()).add(1);
        TaskOutcome outcome = invoke(resource(), parameters);
        assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class, failed -> {
            assertThat(failed.error()).isEqualTo(StatesErrors.TASK_FAILED);
            assertThat(failed.cause()).contains("'" + typedMember() + "'");
        });
    }

    @Test
    void namesTheServiceErrorAsAwsDoes() {
        TaskOutcome outcome = invoke(resource(), refusedParameters());
        assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class, failed -> {
            assertThat(failed.error()).isEqualTo(refusedError());
            assertThat(failed.cause()).isNotBlank();
        });
    }

    @Test
    void waitsForTheTaskTokenOnceTheCallWentThrough() {
        if (!supportsCallback()) {
            assertThat(integrations.find(resource() + ".waitForTaskToken")).isEmpty();
            return;
        }
        assertThat(invoke(resource() + ".waitForTaskToken", validParameters()))
                .isInstanceOf(TaskOutcome.Pending.class);
        assertThat(invoke(resource() + ".waitForTaskToken", refusedParameters()))
                .isInstanceOfSatisfying(TaskOutcome.Failed.class,
                        failed -> assertThat(failed.error()).isEqualTo(refusedError()));
    }

    /** {@link #resource()} as written for another partition ({@code aws-cn}, {@code aws-us-gov}). */
    protected String inPartition(String resource, String partition) {
        return resource.replaceFirst("^arn:aws:", "arn:" + partition + ":");
    }

    @Test
    void otherPartitionsReachTheSameIntegration() {
        for (String partition : new String[] {"aws-cn", "aws-us-gov"}) {
            String resource = inPartition(resource(), partition);
            assertThat(resource).startsWith("arn:" + partition + ":");
            assertThat(invoke(resource, refusedParameters())).as(resource)
                    .isInstanceOfSatisfying(TaskOutcome.Failed.class,
                            failed -> assertThat(failed.error()).isEqualTo(refusedError()));
            assertThat(integrations.find(resource + ".sync")).as(resource + ".sync").isEmpty();
            if (supportsCallback()) {
                assertThat(invoke(resource + ".waitForTaskToken", validParameters()))
                        .as(resource + ".waitForTaskToken").isInstanceOf(TaskOutcome.Pending.class);
            } else {
                assertThat(integrations.find(resource + ".waitForTaskToken")).isEmpty();
            }
        }
    }

    /** A Task calling {@link #resource()} with {@code .waitForTaskToken} and {@link #validParameters()}. */
    private ObjectNode callbackTask() {
        ObjectNode task = Json.MAPPER.createObjectNode().put("Resource", resource() + ".waitForTaskToken");
        task.set("Parameters", validParameters());
        return task;
    }

    private static ObjectNode request(String... namesAndValues) {
        return CallbackEngine.request(namesAndValues);
    }

    private static void assertApiError(ApiException error, String code, String message) {
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.getMessage()).isEqualTo(message);
        assertThat(error.httpStatus()).isEqualTo(400);
    }

    @Test
    void theTokenIsAnsweredOnceAndAnyLaterAnswerHasTimedOut() {
        assumeTrue(supportsCallback(), "AWS offers no .waitForTaskToken for " + resource());
        CallbackEngine engine = new CallbackEngine(integrations);
        String execution = engine.start(callbackTask());
        assertThat(engine.describe(execution).path("status").asText()).isEqualTo("RUNNING");
        assertThat(engine.tokens).hasSize(1);
        String token = engine.tokens.remove();
        JsonNode scheduled = engine.lastEvent(execution, "TaskScheduled").orElseThrow();
        assertThat(scheduled.path("taskScheduledEventDetails").path("resource").asText())
                .endsWith(".waitForTaskToken");
        assertThat(engine.lastEvent(execution, "TaskSubmitted")).isEmpty();

        engine.call("SendTaskSuccess", request("taskToken", token, "output", "{\"answer\": 1}"));

        ObjectNode described = engine.describe(execution);
        assertThat(described.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(Json.parse(described.path("output").asText())).isEqualTo(Json.parse("{\"answer\": 1}"));
        String timedOut = "Task Timed Out: 'Provided task has timed out'";
        assertApiError(engine.error("SendTaskSuccess", request("taskToken", token, "output", "{}")),
                "TaskTimedOut", timedOut);
        assertApiError(engine.error("SendTaskFailure", request("taskToken", token, "error", "Late")),
                "TaskTimedOut", timedOut);
        assertApiError(engine.error("SendTaskHeartbeat", request("taskToken", token)), "TaskTimedOut", timedOut);
        assertThat(engine.describe(execution).path("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aFailureSentWithTheTokenFailsTheTaskWithItsErrorAndCause() {
        assumeTrue(supportsCallback(), "AWS offers no .waitForTaskToken for " + resource());
        CallbackEngine engine = new CallbackEngine(integrations);
        String execution = engine.start(callbackTask());

        engine.call("SendTaskFailure", request("taskToken", engine.tokens.remove(), "error", "Order.Rejected",
                "cause", "out of stock"));

        JsonNode failed = engine.lastEvent(execution, "TaskFailed").orElseThrow().path("taskFailedEventDetails");
        assertThat(failed.path("error").asText()).isEqualTo("Order.Rejected");
        assertThat(failed.path("cause").asText()).isEqualTo("out of stock");
        ObjectNode described = engine.describe(execution);
        assertThat(described.path("status").asText()).isEqualTo("FAILED");
        assertThat(described.path("error").asText()).isEqualTo("Order.Rejected");
    }

    @Test
    void anAnswerAfterTimeoutSecondsHasTimedOut() {
        assumeTrue(supportsCallback(), "AWS offers no .waitForTaskToken for " + resource());
        CallbackEngine engine = new CallbackEngine(integrations);
        String execution = engine.start(callbackTask().put("TimeoutSeconds", 30));
        String token = engine.tokens.remove();

        engine.advance(Duration.ofSeconds(29));
        assertThat(engine.describe(execution).path("status").asText()).isEqualTo("RUNNING");
        engine.advance(Duration.ofSeconds(1));

        JsonNode timedOut = engine.lastEvent(execution, "TaskTimedOut").orElseThrow()
                .path("taskTimedOutEventDetails");
        assertThat(timedOut.path("error").asText()).isEqualTo(StatesErrors.TIMEOUT);
        ObjectNode described = engine.describe(execution);
        assertThat(described.path("status").asText()).isEqualTo("FAILED");
        assertThat(described.path("error").asText()).isEqualTo(StatesErrors.TIMEOUT);
        assertApiError(engine.error("SendTaskSuccess", request("taskToken", token, "output", "{}")),
                "TaskTimedOut", "Task Timed Out: 'Provided task has timed out'");
    }

    @Test
    void heartbeatsKeepTheTaskWaitingUntilTheyStop() {
        assumeTrue(supportsCallback(), "AWS offers no .waitForTaskToken for " + resource());
        CallbackEngine engine = new CallbackEngine(integrations);
        String execution = engine.start(callbackTask().put("TimeoutSeconds", 300).put("HeartbeatSeconds", 10));
        String token = engine.tokens.remove();

        for (int beat = 0; beat < 3; beat++) {
            engine.advance(Duration.ofSeconds(8));
            assertThat(engine.call("SendTaskHeartbeat", request("taskToken", token))).isEmpty();
        }
        assertThat(engine.describe(execution).path("status").asText()).isEqualTo("RUNNING");
        engine.advance(Duration.ofSeconds(10));

        ObjectNode described = engine.describe(execution);
        assertThat(described.path("status").asText()).isEqualTo("FAILED");
        assertThat(described.path("error").asText()).isEqualTo(StatesErrors.HEARTBEAT_TIMEOUT);
        assertThat(engine.lastEvent(execution, "TaskTimedOut").orElseThrow()
                .path("taskTimedOutEventDetails").path("error").asText()).isEqualTo(StatesErrors.HEARTBEAT_TIMEOUT);
        assertApiError(engine.error("SendTaskHeartbeat", request("taskToken", token)),
                "TaskTimedOut", "Task Timed Out: 'Provided task has timed out'");
    }

    @Test
    void forgedTokensAreRefusedAndLeaveTheTaskWaiting() {
        assumeTrue(supportsCallback(), "AWS offers no .waitForTaskToken for " + resource());
        CallbackEngine engine = new CallbackEngine(integrations);
        String execution = engine.start(callbackTask());
        String token = engine.tokens.remove();
        char last = token.charAt(token.length() - 1);
        String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertApiError(engine.error("SendTaskSuccess", request("taskToken", altered, "output", "{}")),
                "TaskDoesNotExist", "Task Does Not Exist: 'Provided task does not exist anymore'");
        assertApiError(engine.error("SendTaskSuccess", request("taskToken", "forged-" + token, "output", "{}")),
                "InvalidToken", "Invalid Token: 'Invalid token'");
        assertApiError(engine.error("SendTaskHeartbeat", request("taskToken", token.substring(1))),
                "InvalidToken", "Invalid Token: 'Invalid token'");

        assertThat(engine.describe(execution).path("status").asText()).isEqualTo("RUNNING");
        engine.call("SendTaskSuccess", request("taskToken", token, "output", "{}"));
        assertThat(engine.describe(execution).path("status").asText()).isEqualTo("SUCCEEDED");
    }
}
