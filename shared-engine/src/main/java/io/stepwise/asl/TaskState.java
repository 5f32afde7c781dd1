package io.stepwise.asl;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.PayloadTemplate;

/**
 * @param timeoutSeconds a number or (JSONata) an expression, or {@code null}
 * @param heartbeatSeconds a number or (JSONata) an expression, or {@code null}
 * @param arguments the JSONata {@code Arguments} as written, or {@code null}
 */
public record TaskState(
        StateCommon common, String resource, PayloadTemplate parameters, PayloadTemplate resultSelector,
        DataPath resultPath, ErrorHandling errorHandling, JsonNode timeoutSeconds, JsonPathExpression timeoutSecondsPath,
        JsonNode heartbeatSeconds, JsonPathExpression heartbeatSecondsPath, JsonNode credentials, JsonNode arguments)
        implements State {
}
