package io.stepwise.engine.port;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.ResourceArn;
import java.util.Optional;

/**
 * One call of a Task state's integration.
 *
 * @param taskToken the callback token for .waitForTaskToken tasks and activities, else {@code null}
 * @param ref the task attempt the call answers ({@link io.stepwise.engine.Command.InvokeTask#ref}), or {@code null}
 *     where no execution waits for it (TestState)
 */
public record TaskRequest(
        String executionArn, String stateName, String resource, JsonNode input, String taskToken,
        Integer timeoutSeconds, Integer heartbeatSeconds, JsonNode credentials, String ref) {

    public TaskRequest(String executionArn, String stateName, String resource, JsonNode input, String taskToken,
            Integer timeoutSeconds, Integer heartbeatSeconds, JsonNode credentials) {
        this(executionArn, stateName, resource, input, taskToken, timeoutSeconds, heartbeatSeconds, credentials,
                null);
    }

    /** {@link #resource} parsed; empty only for a resource the validator would have rejected. */
    public Optional<ResourceArn> resourceArn() {
        return ResourceArn.parse(resource);
    }
}
