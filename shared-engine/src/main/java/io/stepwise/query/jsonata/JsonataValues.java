package io.stepwise.query.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts between Jackson trees and the library's value model (maps, lists, boxed numbers, strings,
 * booleans, {@link Jsonata#NULL_VALUE}; Java {@code null} is JSONata's "undefined").
 *
 * <p>AWS evaluates JSONata on JavaScript numbers, so every number is an IEEE double once it enters an
 * expression: {@code 1.0} in the input comes back as {@code 1}, and whole results print without a fraction.
 */
final class JsonataValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    /** JavaScript switches to exponent notation from here on, so such doubles are not printed as integers. */
    private static final double EXPONENT_THRESHOLD = 1e21;

    private JsonataValues() {
    }

    static Object toJsonata(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        return switch (node.getNodeType()) {
            case NULL -> Jsonata.NULL_VALUE;
            case BOOLEAN -> node.booleanValue();
            case STRING -> node.textValue();
            case NUMBER -> toJsonataNumber(node);
            case ARRAY -> {
                InputArray list = new InputArray(node.size());
                node.forEach(element -> list.add(toJsonata(element)));
                list.nodes = 1 + nodes(list);
                yield list;
            }
            case OBJECT -> {
                InputObject map = new InputObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    map.put(field.getKey(), toJsonata(field.getValue()));
                }
                map.nodes = 1 + nodes(map.values());
                yield map;
            }
            default -> node.asText();
        };
    }

    /**
     * A value converted from JSON knows how many nodes its tree has, so the evaluation budget need not walk
     * it (see {@link EvaluationBudget}): JSON is always a tree, while values an expression builds may share
     * subtrees.
     */
    interface Tree {
        long nodes();
    }

    private static final class InputArray extends ArrayList<Object> implements Tree {
        private long nodes;

        InputArray(int capacity) {
            super(capacity);
        }

        @Override
        public long nodes() {
            return nodes;
        }
    }

    private static final class InputObject extends LinkedHashMap<String, Object> implements Tree {
        private long nodes;

        @Override
        public long nodes() {
            return nodes;
        }
    }

    private static long nodes(Iterable<Object> children) {
        long nodes = 0;
        for (Object child : children) {
            nodes += child instanceof Tree tree ? tree.nodes() : 1;
        }
        return nodes;
    }

    private static Object toJsonataNumber(JsonNode node) {
        if (node.canConvertToInt() && node.isIntegralNumber()) {
            return node.intValue();
        }
        if (node.canConvertToLong() && node.isIntegralNumber()) {
            return node.longValue();
        }
        return node.doubleValue();
    }

    /**
     * The JSON form of a result, or empty when it has none: a function, or a value of a type the library
     * should never produce.
     */
    static Optional<JsonNode> toJson(Object value) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return Optional.of(NODES.nullNode());
        }
        if (value instanceof Boolean b) {
            return Optional.of(NODES.booleanNode(b));
        }
        if (value instanceof String s) {
            return Optional.of(NODES.textNode(s));
        }
        if (value instanceof Number n) {
            return Optional.of(toJsonNumber(n));
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            for (Object element : list) {
                Optional<JsonNode> converted = toJson(element);
                if (converted.isEmpty()) {
                    return Optional.empty();
                }
                array.add(converted.get());
            }
            return Optional.of(array);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Optional<JsonNode> converted = toJson(entry.getValue());
                if (converted.isEmpty()) {
                    return Optional.empty();
                }
                object.set(String.valueOf(entry.getKey()), converted.get());
            }
            return Optional.of(object);
        }
        return Optional.empty();
    }

    static JsonNode toJsonNumber(Number n) {
        if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return NODES.numberNode(n.intValue());
        }
        if (n instanceof Long) {
            return NODES.numberNode(n.longValue());
        }
        if (n instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        double d = n.doubleValue();
        if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < EXPONENT_THRESHOLD) {
            // -0 prints as 0 in JavaScript, and whole doubles print without ".0"
            long asLong = (long) d;
            if ((double) asLong == d) {
                return asLong == (int) asLong ? NODES.numberNode((int) asLong) : NODES.numberNode(asLong);
            }
            return NODES.numberNode(new BigDecimal(d).toBigInteger());
        }
        return NODES.numberNode(d);
    }
}
