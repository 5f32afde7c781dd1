package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * An upper bound of a JSON value's size as compact UTF-8 text, computed without writing it. Exact for
 * structure and ASCII text; escapes are counted at their longest form, so the bound never undercounts.
 */
final class PayloadSize {
    private static final int MEMO_MIN_SIZE = 4;
    private PayloadSize() {
    }

    /**
     * The bound, or any value above {@code cap} as soon as the bound passes it. A first pass counts six bytes
     * per character (the longest escape) without reading any string; only a payload whose loose bound
     * passes the cap is counted character by character.
     */
    static long upperBound(JsonNode value, long cap) {
        return upperBound(value, cap, null);
    }

    /**
     * As {@link #upperBound(JsonNode, long)}, remembering the loose bound of every container in {@code memo} (an identity map):
     * state outputs share most of their nodes with the state's input, so each state then only walks what it
     * built. Nodes never change once built, so a remembered bound stays true.
     */
    static long upperBound(JsonNode value, long cap, Map<JsonNode, Long> memo) {
        long loose = add(value, 0, cap, false, memo);
        return loose <= cap ? loose : add(value, 0, cap, true, null);
    }

    private static long add(JsonNode value, long size, long cap, boolean exact, Map<JsonNode, Long> memo) {
        if (size > cap) {
            return size;
        }
        // Small containers are cheaper to measure than to look up.
        if (memo != null && value.size() >= MEMO_MIN_SIZE) {
            Long known = memo.get(value);
            if (known != null) {
                return size + known;
            }
            long own = measure(value, 0, Long.MAX_VALUE, exact, memo);
            memo.put(value, own);
            return size + own;
        }
        return measure(value, size, cap, exact, memo);
    }

    private static long measure(JsonNode value, long size, long cap, boolean exact, Map<JsonNode, Long> memo) {
        switch (value.getNodeType()) {
            case STRING -> {
                return size + string(value.textValue(), exact);
            }
            case NUMBER -> {
                return size + (value.isIntegralNumber() && value.canConvertToLong()
                        ? digits(value.longValue())
                        : value.decimalValue().toString().length() + 8);
            }
            case BOOLEAN -> {
                return size + 5;
            }
            case OBJECT -> {
                long total = size + 2;
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext() && total <= cap; ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    total = add(e.getValue(), total + string(e.getKey(), exact) + 2, cap, exact, memo);
                }
                return total;
            }
            case ARRAY -> {
                long total = size + 2;
                for (int i = 0; i < value.size() && total <= cap; i++) {
                    total = add(value.get(i), total + 1, cap, exact, memo);
                }
                return total;
            }
            default -> {
                return size + 4;
            }
        }
    }

    private static long string(String text, boolean exact) {
        if (!exact) {
            return 2 + 6L * text.length();
        }
        long bytes = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                bytes += 6;
            } else if (c < 0x80) {
                bytes += c == '"' || c == '\\' ? 2 : 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static int digits(long n) {
        return Long.toString(n).length();
    }
}
