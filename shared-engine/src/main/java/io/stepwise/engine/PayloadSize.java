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
     * As {@link #upperBound(JsonNode, long)}, remembering the loose bound of every large container in {@code memo}:
     * state outputs share most of their nodes with the state's input, so each state then only walks what it
     * built. Nodes never change once built, so a remembered bound stays true.
     */
    static long upperBound(JsonNode value, long cap, PayloadSizeMemo memo) {
        long loose = add(value, 0, cap, false, memo);
        return loose <= cap ? loose : add(value, 0, cap, true, null);
    }

    /**
     * Remembers the loose bound of {@code copy}, a copy of the container {@code original} in which the member
     * {@code key} (an object's field name, or {@code null} for an array element) changed from {@code before}
     * ({@code null} when added) to {@code after}. The loose bound is a sum over members, so the copy's bound
     * follows from the original's without walking the members the two share: a chain of ResultPath writes
     * costs each state only what it wrote, not the whole input again.
     */
    static void derive(PayloadSizeMemo memo, JsonNode original, JsonNode copy, String key, JsonNode before,
            JsonNode after) {
        long bound = loose(original, memo) + loose(after, memo);
        if (before != null) {
            bound -= loose(before, memo);
        } else {
            bound += key == null ? 1 : string(key, false) + 2;
        }
        memo.putDerived(copy, bound);
    }

    private static long loose(JsonNode value, PayloadSizeMemo memo) {
        return add(value, 0, Long.MAX_VALUE, false, memo);
    }

    private static long add(JsonNode value, long size, long cap, boolean exact, PayloadSizeMemo memo) {
        if (size > cap) {
            return size;
        }
        if (memo != null && value.isContainerNode()) {
            // Small containers are cheaper to measure again than to remember.
            boolean large = value.size() >= MEMO_MIN_SIZE;
            long known = memo.get(value, large);
            if (known >= 0) {
                return size + known;
            }
            if (large) {
                long own = measure(value, 0, Long.MAX_VALUE, exact, memo);
                memo.putMeasured(value, own);
                return size + own;
            }
        }
        return measure(value, size, cap, exact, memo);
    }

    private static long measure(JsonNode value, long size, long cap, boolean exact, PayloadSizeMemo memo) {
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
        int digits = n < 0 ? 2 : 1;
        for (long rest = Math.abs(n / 10); rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }
}
