package io.stepwise.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** Small builders for AWS JSON 1.0 response members. */
final class WireJson {
    private WireJson() {
    }

    static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    /** AWS JSON 1.0 sends timestamps as epoch seconds with a fraction. */
    static void putDate(ObjectNode node, String member, Instant instant) {
        if (instant != null) {
            node.put(member, BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3));
        }
    }

    static void putIfPresent(ObjectNode node, String member, String value) {
        if (value != null) {
            node.put(member, value);
        }
    }

    static ArrayNode tags(Map<String, String> tags) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        tags.forEach((key, value) -> array.addObject().put("key", key).put("value", value));
        return array;
    }
}
