package io.stepwise.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * @param error a fixed {@code Error}, a JSONata expression, or {@code null}
 * @param cause a fixed {@code Cause}, a JSONata expression, or {@code null}
 * @param errorPath {@code ErrorPath} (a path or an intrinsic call), or {@code null}
 * @param causePath {@code CausePath} (a path or an intrinsic call), or {@code null}
 */
public record FailState(StateCommon common, JsonNode error, JsonNode cause, String errorPath, String causePath)
        implements State {
}
