package io.stepwise.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every service integration does, against the moto server: it calls the service with the Task's parameters
 * and answers its response, refuses parameters the API does not have or of the wrong type with a cause that names
 * them, names the service's errors as AWS does, and for {@code .waitForTaskToken} parks the task once the call
 * went through. Each integration's test extends this and adds what its service shows of the call.
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
            assertThat(failed.cause()).contains("'NoSuchParameter'");
        });
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
}
