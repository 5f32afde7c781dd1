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
 */
public record TaskRequest(
        String executionArn, String stateName, String resource, JsonNode input, String taskToken,
        Integer timeoutSeconds, Integer heartbeatSeconds, JsonNode credentials, String executionRoleArn) {

    /** A call outside an execution's role (tests, TestState without a role). */
    public TaskRequest(String executionArn, String stateName, String resource, JsonNode input, String taskToken,
                       Integer timeoutSeconds, Integer heartbeatSeconds, JsonNode credentials) {
        this(executionArn, stateName, resource, input, taskToken, timeoutSeconds, heartbeatSeconds, credentials, null);
    }

    /** {@link #resource} parsed; empty only for a resource the validator would have rejected. */
    public Optional<ResourceArn> resourceArn() {
        return ResourceArn.parse(resource);
    }
}
