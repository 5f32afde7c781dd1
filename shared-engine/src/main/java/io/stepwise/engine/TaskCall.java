package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a Task's fields evaluate to when it is scheduled.
 *
 * @param input the integration's input: JSONPath's Parameters (else the effective input), JSONata's Arguments (else
 *     the state input)
 * @param credentials the evaluated {@code Credentials}, or {@code null}
 * @param timeoutSeconds {@code TimeoutSeconds(Path)}, or {@code null} for none
 * @param heartbeatSeconds {@code HeartbeatSeconds(Path)}, or {@code null} for none
 */
record TaskCall(JsonNode input, JsonNode credentials, Integer timeoutSeconds, Integer heartbeatSeconds) {
}
