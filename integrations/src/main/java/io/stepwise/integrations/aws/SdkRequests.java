package io.stepwise.integrations.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Fills an SDK request builder from a Task's parameters, generically through the model's
 * {@link SdkPojo#sdkFields()}: Step Functions names parameters as the API reference does (PascalCase), which is
 * each field's {@link SdkField#memberName()} with a capital first letter ({@link MemberNames}).
 */
public final class SdkRequests {
    private SdkRequests() {
    }

    /**
     * Sets every member of {@code parameters} on {@code builder}.
     *
     * @param where the path of {@code parameters} in messages, e.g. {@code ""} for the Task's parameters
     * @throws InvalidParameter for an unknown member or a value of the wrong type
     */
    public static void fill(SdkPojo builder, JsonNode parameters, String where) {
        if (!parameters.isObject()) {
            throw new InvalidParameter("The value of '" + label(where) + "' must be a JSON object");
        }
        Map<String, SdkField<?>> fields = new LinkedHashMap<>();
        builder.sdkFields().forEach(field -> fields.put(MemberNames.of(field), field));
        for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String path = where.isEmpty() ? member.getKey() : where + "." + member.getKey();
            SdkField<?> field = fields.get(member.getKey());
            if (field == null) {
                // AWS's words for a field the API does not have, refused when the task runs (not at creation):
                // quoted from a real execution of lambda:invoke and from aws-sdk:batch:submitJob.
                throw new InvalidParameter("The field \"" + path + "\" is not supported by Step Functions");
            }
            if (!member.getValue().isNull()) {
                field.set(builder, value(field, member.getValue(), path));
            }
        }
    }

    private static Object value(SdkField<?> field, JsonNode json, String path) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return requireText(json, path);
        }
        if (type == MarshallingType.INTEGER) {
            return (int) integral(json, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (type == MarshallingType.LONG) {
            return integral(json, path, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (type == MarshallingType.SHORT) {
            return (short) integral(json, path, Short.MIN_VALUE, Short.MAX_VALUE);
        }
        if (type == MarshallingType.BYTE) {
            return (byte) integral(json, path, Byte.MIN_VALUE, Byte.MAX_VALUE);
        }
        if (type == MarshallingType.DOUBLE) {
            return number(json, path).doubleValue();
        }
        if (type == MarshallingType.FLOAT) {
            return number(json, path).floatValue();
        }
        if (type == MarshallingType.BIG_DECIMAL) {
            return number(json, path).decimalValue();
        }
        if (type == MarshallingType.BOOLEAN) {
            if (!json.isBoolean()) {
                throw wrongType(path, "a boolean", json);
            }
            return json.booleanValue();
        }
        if (type == MarshallingType.INSTANT) {
            return instant(json, path);
        }
        if (type == MarshallingType.SDK_BYTES) {
            // A blob given as JSON other than text (a Lambda Payload object) is sent as that JSON's text.
            return SdkBytes.fromUtf8String(json.isTextual() ? json.textValue() : Json.write(json));
        }
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo nested = field.constructor().get();
            fill(nested, json, path);
            return ((SdkBuilder<?, ?>) nested).build();
        }
        if (type == MarshallingType.LIST) {
            if (!json.isArray()) {
                throw wrongType(path, "an array", json);
            }
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < json.size(); i++) {
                list.add(value(member, json.get(i), path + "[" + i + "]"));
            }
            return list;
        }
        if (type == MarshallingType.MAP) {
            if (!json.isObject()) {
                throw wrongType(path, "a JSON object", json);
            }
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            json.fields().forEachRemaining(e -> map.put(e.getKey(), value(member, e.getValue(), path + "." + e.getKey())));
            return map;
        }
        if (type == MarshallingType.DOCUMENT) {
            return document(json);
        }
        throw new InvalidParameter("The field '" + path + "' has a type Stepwise cannot send (" + type + ")");
    }

    private static String requireText(JsonNode json, String path) {
        if (!json.isTextual()) {
            throw wrongType(path, "a string", json);
        }
        return json.textValue();
    }

    private static long integral(JsonNode json, String path, long min, long max) {
        if (!json.isIntegralNumber() || !json.canConvertToLong() || json.longValue() < min || json.longValue() > max) {
            throw wrongType(path, "an integer from " + min + " to " + max, json);
        }
        return json.longValue();
    }

    private static JsonNode number(JsonNode json, String path) {
        if (!json.isNumber()) {
            throw wrongType(path, "a number", json);
        }
        return json;
    }

    /** Timestamps as epoch seconds or ISO-8601 text, the two forms the AWS JSON and REST protocols use. */
    private static Instant instant(JsonNode json, String path) {
        if (json.isNumber()) {
            return Instant.ofEpochMilli(json.decimalValue().movePointRight(3).longValue());
        }
        if (json.isTextual()) {
            try {
                return Instant.parse(json.textValue());
            } catch (DateTimeParseException e) {
                throw wrongType(path, "a timestamp", json);
            }
        }
        throw wrongType(path, "a timestamp", json);
    }

    private static Document document(JsonNode json) {
        if (json.isNull()) {
            return Document.fromNull();
        }
        if (json.isTextual()) {
            return Document.fromString(json.textValue());
        }
        if (json.isBoolean()) {
            return Document.fromBoolean(json.booleanValue());
        }
        if (json.isNumber()) {
            return Document.fromNumber(json.decimalValue());
        }
        if (json.isArray()) {
            List<Document> list = new ArrayList<>();
            json.forEach(item -> list.add(document(item)));
            return Document.fromList(list);
        }
        Map<String, Document> map = new LinkedHashMap<>();
        json.fields().forEachRemaining(e -> map.put(e.getKey(), document(e.getValue())));
        return Document.fromMap(map);
    }

    private static InvalidParameter wrongType(String path, String expected, JsonNode actual) {
        return new InvalidParameter("The value of '" + path + "' must be " + expected + ", not " + Json.write(actual));
    }

    private static String label(String where) {
        return where.isEmpty() ? "Parameters" : where;
    }
}
