package io.stepwise.integrations.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code URL_ENCODED} request body of an HTTP Task: a JSON object as {@code application/x-www-form-urlencoded},
 * nested objects as {@code outer[inner]=value} and arrays in the Task's {@link ArrayFormat}.
 */
final class FormEncoder {
    /** How an array {@code {"a": ["x", "y"]}} is written (AWS's {@code RequestEncodingOptions.ArrayFormat}). */
    enum ArrayFormat {
        /** {@code a[0]=x&a[1]=y}, the default. */
        INDICES,
        /** {@code a=x&a=y}. */
        REPEAT,
        /** {@code a=x,y}. */
        COMMAS,
        /** {@code a[]=x&a[]=y}. */
        BRACKETS
    }

    private FormEncoder() {
    }

    static String encode(JsonNode body, ArrayFormat arrays) {
        List<String> pairs = new ArrayList<>();
        body.fields().forEachRemaining(field -> add(pairs, escape(field.getKey()), field.getValue(), arrays));
        return String.join("&", pairs);
    }

    private static void add(List<String> pairs, String key, JsonNode value, ArrayFormat arrays) {
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
                add(pairs, key + "[" + escape(field.getKey()) + "]", field.getValue(), arrays);
            }
        } else if (value.isArray()) {
            if (arrays == ArrayFormat.COMMAS) {
                List<String> values = new ArrayList<>();
                value.forEach(element -> values.add(escape(element.asText())));
                pairs.add(key + "=" + String.join(",", values));
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                String elementKey = switch (arrays) {
                    case INDICES -> key + "[" + i + "]";
                    case BRACKETS -> key + "[]";
                    default -> key;
                };
                add(pairs, elementKey, value.get(i), arrays);
            }
        } else if (!value.isNull()) {
            pairs.add(key + "=" + escape(value.asText()));
        }
    }

    /** Percent-encodes as forms do, with {@code %20} for spaces so that APIs reading either form agree. */
    static String escape(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
