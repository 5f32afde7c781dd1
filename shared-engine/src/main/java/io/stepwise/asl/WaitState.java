package io.stepwise.asl;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.JsonPathExpression;

/** Exactly one of the four ways to say how long to wait is set. */
public record WaitState(
        StateCommon common, JsonNode seconds, JsonNode timestamp, JsonPathExpression secondsPath,
        JsonPathExpression timestampPath) implements State {
}
