package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Typed access to the members of a request body, failing the way AWS does for missing or mistyped members, and
 * the region and account the request was made in ({@code arns}), in which it creates and lists resources.
 */
record ApiRequest(ObjectNode body, Arns arns) {

    String required(String member) {
        String value = optional(member);
        if (value == null) {
            throw ApiException.of("ValidationException", "1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    String optional(String member) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.of("SerializationException", "Member '" + member + "' must be a string");
        }
        MemberLimits.check(member, node.textValue());
        return node.textValue();
    }

    String optional(String member, String fallback) {
        String value = optional(member);
        return value == null ? fallback : value;
    }

    boolean flag(String member, boolean fallback) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw ApiException.of("SerializationException", "Member '" + member + "' must be a boolean");
        }
        return node.booleanValue();
    }

    /**
     * A {@code maxResults}-style member: 0 or absent means {@code fallback}; AWS caps it at {@code max}. A number
     * beyond {@code int} is refused like any other out-of-range value, never narrowed into range.
     */
    int pageSize(String member, int fallback, int max) {
        JsonNode node = body.get(member);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber()) {
            throw ApiException.of("SerializationException", "Member '" + member + "' must be an integer");
        }
        if (!node.canConvertToInt() || node.intValue() < 0 || node.intValue() > max) {
            throw ApiException.of("ValidationException", "1 validation error detected: Value '" + node.asText()
                    + "' at '" + member + "' failed to satisfy constraint: Member must have value between 0 and "
                    + max);
        }
        int value = node.intValue();
        return value == 0 ? fallback : value;
    }

    JsonNode node(String member) {
        return body.get(member);
    }
}
