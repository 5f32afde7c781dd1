package io.stepwise.asl;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.PathOrIntrinsic;

/**
 * @param error a fixed {@code Error}, a JSONata expression, or {@code null}
 * @param cause a fixed {@code Cause}, a JSONata expression, or {@code null}
 * @param errorPath {@code ErrorPath} (a path or an intrinsic call, JSONPath only), or {@code null}
 * @param causePath {@code CausePath} (a path or an intrinsic call, JSONPath only), or {@code null}
 */
public record FailState(StateCommon common, JsonNode error, JsonNode cause, PathOrIntrinsic errorPath,
        PathOrIntrinsic causePath)
        implements State {
}
