package io.stepwise.engine.port;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.ResourceArn;
import java.util.Optional;

/**
 * One call of a Task state's integration.
 *
 * @param taskToken the callback token for .waitForTaskToken tasks and activities, else {@code null}
 */
public record TaskRequest(
        String executionArn, String stateName, String resource, JsonNode input, String taskToken,
        Integer timeoutSeconds, Integer heartbeatSeconds, JsonNode credentials) {

    /** {@link #resource} parsed; empty only for a resource the validator would have rejected. */
    public Optional<ResourceArn> resourceArn() {
        return ResourceArn.parse(resource);
    }
}
