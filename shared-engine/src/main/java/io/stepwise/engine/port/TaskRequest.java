package io.stepwise.engine.port;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.ResourceArn;
import java.util.Optional;

/**
 * One call of a Task state's integration.
 *
 * @param taskToken the callback token for .waitForTaskToken tasks and activities, else {@code null}
 * @param credentials the Task's {@code Credentials} evaluated ({@code {"RoleArn": ...}}), or {@code null}
 * @param executionRoleArn the state machine's role, which service calls run as (where roles are assumed) unless
 *     {@code credentials} names another; {@code null} when not known
 * @param ref the task attempt the call answers ({@link io.stepwise.engine.Command.InvokeTask#ref}), or {@code null}
 *     where no execution waits for it (TestState)
 */
public record TaskRequest(
        String executionArn, String stateName, String resource, JsonNode input, String taskToken,
        Integer timeoutSeconds, Integer heartbeatSeconds, JsonNode credentials, String executionRoleArn,
        String ref) {

    /** A call outside an execution's role (tests, TestState without a role). */
    public TaskRequest(String executionArn, String stateName, String resource, JsonNode input, String taskToken,
                       Integer timeoutSeconds, Integer heartbeatSeconds, JsonNode credentials) {
        this(executionArn, stateName, resource, input, taskToken, timeoutSeconds, heartbeatSeconds, credentials, null);
    }

    /** A call no execution waits for under a ref. */
    public TaskRequest(String executionArn, String stateName, String resource, JsonNode input, String taskToken,
            Integer timeoutSeconds, Integer heartbeatSeconds, JsonNode credentials, String executionRoleArn) {
        this(executionArn, stateName, resource, input, taskToken, timeoutSeconds, heartbeatSeconds, credentials,
                executionRoleArn, null);
    }

    /** {@link #resource} parsed; empty only for a resource the validator would have rejected. */
    public Optional<ResourceArn> resourceArn() {
        return ResourceArn.parse(resource);
    }
}
