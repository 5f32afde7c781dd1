package io.stepwise.integrations.sts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.integrations.Moto;
import io.stepwise.integrations.ServiceIntegrations;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Service calls run as the state machine's role assumed through STS when the settings say so (always on AWS), as a
 * Task's {@code Credentials.RoleArn} when it names one, and otherwise as the configured credentials; moto's
 * GetCallerIdentity tells which identity a call carried.
 */
class AssumedRoleTest {
    private static final String IDENTITY = "arn:aws:states:::aws-sdk:sts:getCallerIdentity";
    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:orders:run-7";
    private static final String MACHINE_ROLE = "arn:aws:iam::123456789012:role/orders-machine";
    private static final String OTHER_ROLE = "arn:aws:iam::123456789012:role/reporting";

    private ServiceIntegrations integrations;

    @AfterEach
    void close() {
        if (integrations != null) {
            integrations.close();
        }
    }

    private TaskOutcome identity(boolean assumeMachineRole, JsonNode credentials) {
        integrations = new ServiceIntegrations(new AwsClients(Moto.settings()
                .withAssumeStateMachineRole(assumeMachineRole)), true);
        return call(credentials);
    }

    private TaskOutcome call(JsonNode credentials) {
        return integrations.find(IDENTITY).orElseThrow().invoke(new TaskRequest(EXECUTION, "Who", IDENTITY,
                Json.parse("{}"), null, null, null, credentials, MACHINE_ROLE));
    }

    private static String arn(TaskOutcome outcome) {
        assertThat(outcome).isInstanceOf(TaskOutcome.Succeeded.class);
        return ((TaskOutcome.Succeeded) outcome).output().path("Arn").asText();
    }

    @Test
    void callsAsTheStateMachinesRoleWithTheExecutionAsSessionName() {
        assertThat(arn(identity(true, null)))
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/orders-machine/run-7");
        // The session is kept: a second call assumes nothing new and carries the same identity.
        assertThat(arn(call(null))).isEqualTo("arn:aws:sts::123456789012:assumed-role/orders-machine/run-7");
    }

    @Test
    void aTasksCredentialsRoleOverridesTheStateMachinesRole() {
        assertThat(arn(identity(true, Json.parse("{\"RoleArn\": \"" + OTHER_ROLE + "\"}"))))
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/reporting/run-7");
    }

    @Test
    void withoutAssumingTheStateMachinesRoleCallsRunAsTheConfiguredCredentials() {
        assertThat(arn(identity(false, null))).doesNotContain("assumed-role");
        assertThat(arn(call(Json.parse("{\"RoleArn\": \"" + OTHER_ROLE + "\"}"))))
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/reporting/run-7");
    }

    @Test
    void aRoleThatCannotBeAssumedFailsTheTaskNamingTheRole() {
        Moto.endpoint();
        // STS is unreachable: the role cannot be assumed, and the call is never made.
        integrations = new ServiceIntegrations(new AwsClients(new io.stepwise.integrations.aws.AwsSettings(
                Moto.REGION, Moto.endpoint(), Map.of("sts", URI.create("http://127.0.0.1:9")), "testing", "testing",
                true)), true);
        assertThat(call(null)).isInstanceOfSatisfying(TaskOutcome.Failed.class, failed -> {
            assertThat(failed.error()).isEqualTo(StatesErrors.TASK_FAILED);
            assertThat(failed.cause()).contains("'" + MACHINE_ROLE + "'");
        });
    }
}
