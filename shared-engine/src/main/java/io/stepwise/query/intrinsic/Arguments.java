package io.stepwise.query.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/** The evaluated arguments of one call, with typed accessors that fail the way AWS describes. */
record Arguments(IntrinsicFunction function, List<JsonNode> values) {
    int size() {
        return values.size();
    }

    JsonNode get(int index) {
        return values.get(index);
    }

    String string(int index) {
        JsonNode value = values.get(index);
        if (!value.isTextual()) {
            throw mismatch(index, "a string", value);
        }
        return value.textValue();
    }

    ArrayNode array(int index) {
        JsonNode value = values.get(index);
        if (!value.isArray()) {
            throw mismatch(index, "an array", value);
        }
        return (ArrayNode) value;
    }

    ObjectNode object(int index) {
        JsonNode value = values.get(index);
        if (!value.isObject()) {
            throw mismatch(index, "a JSON object", value);
        }
        return (ObjectNode) value;
    }

    boolean bool(int index) {
        JsonNode value = values.get(index);
        if (!value.isBoolean()) {
            throw mismatch(index, "a boolean", value);
        }
        return value.booleanValue();
    }

    BigDecimal number(int index) {
        JsonNode value = values.get(index);
        if (!value.isNumber()) {
            throw mismatch(index, "a number", value);
        }
        return value.decimalValue();
    }

    /** An integer argument; a float with no fractional part ({@code 3.0}) counts as one. */
    int integer(int index) {
        BigDecimal number = number(index);
        try {
            return number.intValueExact();
        } catch (ArithmeticException e) {
            throw mismatch(index, "an integer", values.get(index));
        }
    }

    IntrinsicError error(String detail) {
        return new IntrinsicError("Invalid arguments in " + function.functionName() + ": " + detail);
    }

    private IntrinsicError mismatch(int index, String expected, JsonNode actual) {
        return error("argument " + (index + 1) + " must be " + expected + ", but was " + describe(actual));
    }

    private static String describe(JsonNode value) {
        JsonNodeType type = value.getNodeType();
        String kind = switch (type) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "a JSON object";
            default -> type.name().toLowerCase();
        };
        return type == JsonNodeType.NULL ? kind : kind + " (" + value + ")";
    }
}
