package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * An upper bound of a JSON value's size as compact UTF-8 text, computed without writing it. Exact for
 * structure and ASCII text; escapes are counted at their longest form, so the bound never undercounts.
 */
final class PayloadSize {
    private PayloadSize() {
    }

    /**
     * The bound, or any value above {@code cap} as soon as the bound passes it. A first pass counts six bytes
     * per character (the longest escape) without reading any string; only a payload whose loose bound
     * passes the cap is counted character by character.
     */
    static long upperBound(JsonNode value, long cap) {
        long loose = add(value, 0, cap, false);
        return loose <= cap ? loose : add(value, 0, cap, true);
    }

    private static long add(JsonNode value, long size, long cap, boolean exact) {
        if (size > cap) {
            return size;
        }
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
                    total = add(e.getValue(), total + string(e.getKey(), exact) + 2, cap, exact);
                }
                return total;
            }
            case ARRAY -> {
                long total = size + 2;
                for (int i = 0; i < value.size() && total <= cap; i++) {
                    total = add(value.get(i), total + 1, cap, exact);
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
