package io.stepwise.it.conformance.functions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Python's {@code str()} of a JSON value as Python's {@code json.loads} gives it ({@code dict}, {@code list},
 * {@code str}, {@code int}, {@code float}, {@code True}/{@code False}, {@code None}): what a Python handler that
 * formats its event produces.
 */
final class PythonRepr {
    private PythonRepr() {
    }

    static String of(JsonNode value) {
        StringBuilder out = new StringBuilder();
        append(value, out);
        return out.toString();
    }

    private static void append(JsonNode value, StringBuilder out) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            out.append("None");
        } else if (value.isBoolean()) {
            out.append(value.booleanValue() ? "True" : "False");
        } else if (value.isIntegralNumber()) {
            out.append(value.bigIntegerValue());
        } else if (value.isNumber()) {
            out.append(floatRepr(value.doubleValue()));
        } else if (value.isTextual()) {
            out.append(stringRepr(value.textValue()));
        } else if (value.isArray()) {
            out.append('[');
            for (int i = 0; i < value.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                append(value.get(i), out);
            }
            out.append(']');
        } else {
            out.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); first = false) {
                Map.Entry<String, JsonNode> field = it.next();
                out.append(first ? "" : ", ").append(stringRepr(field.getKey())).append(": ");
                append(field.getValue(), out);
            }
            out.append('}');
        }
    }

    /** Python's shortest round-trip repr: {@code 1.0}, {@code 0.1}, {@code 1e+20}. */
    private static String floatRepr(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e16) {
            return String.format("%.1f", value);
        }
        String java = Double.toString(value);
        int exponent = java.indexOf('E');
        if (exponent < 0) {
            return java;
        }
        String mantissa = java.substring(0, exponent).replaceAll("\\.0$", "");
        String power = java.substring(exponent + 1);
        int digits = Integer.parseInt(power);
        return mantissa + "e" + (digits < 0 ? "-" : "+") + String.format("%02d", Math.abs(digits));
    }

    /** Single quotes unless the text holds a single quote and no double quote, as Python chooses. */
    private static String stringRepr(String text) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == quote || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(quote).toString();
    }
}
