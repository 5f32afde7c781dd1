package io.stepwise.it.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Turns an AWS SDK model object back into the JSON of the wire protocol, generically through its
 * {@link SdkPojo#sdkFields()}: each member under its wire name ({@link SdkField#locationName()}), absent members
 * and lists/maps the response did not hold left out. What the SDK did not model (or dropped) cannot appear, so
 * a comparison against it sees exactly what an SDK user sees.
 */
final class SdkJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SdkJson() {
    }

    static JsonNode of(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof SdkPojo pojo) {
            ObjectNode object = NODES.objectNode();
            for (SdkField<?> field : pojo.sdkFields()) {
                Object member = field.getValueOrDefault(pojo);
                if (member == null || member instanceof SdkAutoConstructList || member instanceof SdkAutoConstructMap) {
                    continue;
                }
                object.set(field.locationName(), of(member));
            }
            return object;
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Number) {
            return Json.MAPPER.valueToTree(value);
        }
        if (value instanceof Instant instant) {
            // AWS JSON 1.0 sends timestamps as epoch seconds.
            return NODES.numberNode(BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3));
        }
        if (value instanceof SdkBytes bytes) {
            return NODES.binaryNode(bytes.asByteArray());
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(of(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), of(v)));
            return object;
        }
        throw new IllegalArgumentException("no JSON form for " + value.getClass().getName() + ": " + value);
    }
}
