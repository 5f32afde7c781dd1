package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one run of a single state ended with (the TestState response before it is written as text).
 *
 * @param status {@code SUCCEEDED}, {@code FAILED}, {@code RETRIABLE} (a retrier would run the state again) or
 *     {@code CAUGHT_ERROR} (a catcher took the error)
 * @param output the state's output, or {@code null} when it has none (failed, retriable)
 * @param nextState the state that would run next, or {@code null} at an end
 * @param inspectionData the values after each data-flow step, keyed by AWS's {@code inspectionData} member
 *     names, as JSON values (numbers and {@code errorDetails} stay values; the API writes the rest as text)
 */
public record StateTestResult(String status, JsonNode output, String error, String cause, String nextState,
        ObjectNode inspectionData) {
}
