package io.stepwise.integrations.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;

/** Small rewrites optimized integrations make to a Task's parameters before the API sees them. */
public final class ServiceParameters {
    private ServiceParameters() {
    }

    public static ObjectNode empty() {
        return Json.MAPPER.createObjectNode();
    }

    /**
     * {@code parameters} with {@code member} as text: optimized integrations accept any JSON value where the API
     * takes a string (an SQS MessageBody, an SNS Message, an EventBridge Detail) and send its JSON text.
     */
    public static JsonNode textOf(JsonNode parameters, String member) {
        JsonNode value = parameters.get(member);
        if (!(parameters instanceof ObjectNode object) || value == null || value.isTextual() || value.isNull()) {
            return parameters;
        }
        ObjectNode copy = object.deepCopy();
        copy.put(member, Json.write(value));
        return copy;
    }
}
