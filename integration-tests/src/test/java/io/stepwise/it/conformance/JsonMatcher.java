package io.stepwise.it.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a recorded value with ours as JSON values: numbers by value, strings holding JSON by their parsed
 * value, and {@code <uuid:N>} / {@code <json-input:N>} placeholders matching any text.
 */
final class JsonMatcher {
    /**
     * {@code <uuid:N>}, {@code <json-input:N>} and the other numbered placeholders a case lists (such as
     * {@code <LogResult:N>}), and the request ids recordings replaced in service error causes.
     */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "<[A-Za-z][A-Za-z_-]*:\\d+>|<request_id>|<extended_request_id>");

    private JsonMatcher() {
    }

    /** Null when equal, else a description of the first difference. */
    static String difference(JsonNode expected, JsonNode actual, String at) {
        return difference(expected, actual, at, PLACEHOLDER);
    }

    /** As {@link #difference(JsonNode, JsonNode, String)}, with {@code placeholders} matching any text. */
    static String difference(JsonNode expected, JsonNode actual, String at, Pattern placeholders) {
        if (expected == null || expected.isMissingNode()) {
            return actual == null || actual.isMissingNode() ? null : at + ": unexpected " + actual;
        }
        if (actual == null || actual.isMissingNode()) {
            return at + ": missing, expected " + abbreviate(expected);
        }
        if (expected.isTextual() && actual.isTextual()) {
            return strings(expected.asText(), actual.asText(), placeholders) ? null
                    : at + ": expected " + abbreviate(expected) + " but was " + abbreviate(actual);
        }
        if (expected.isTextual() || actual.isTextual()) {
            JsonNode e = expected.isTextual() ? parseOrNull(expected.asText()) : expected;
            JsonNode a = actual.isTextual() ? parseOrNull(actual.asText()) : actual;
            if (e != null && a != null && !e.isTextual() && !a.isTextual()) {
                return difference(e, a, at, placeholders);
            }
            return at + ": expected " + abbreviate(expected) + " but was " + abbreviate(actual);
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0 ? null
                    : at + ": expected " + expected + " but was " + actual;
        }
        if (expected.isObject() && actual.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String diff = difference(e.getValue(), actual.get(e.getKey()), at + "." + e.getKey(), placeholders);
                if (diff != null) {
                    return diff;
                }
            }
            for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!expected.has(name)) {
                    return at + "." + name + ": unexpected " + abbreviate(actual.get(name));
                }
            }
            return null;
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return at + ": expected " + expected.size() + " elements but was " + actual.size() + ": "
                        + abbreviate(actual);
            }
            for (int i = 0; i < expected.size(); i++) {
                String diff = difference(expected.get(i), actual.get(i), at + "[" + i + "]", placeholders);
                if (diff != null) {
                    return diff;
                }
            }
            return null;
        }
        return expected.equals(actual) ? null : at + ": expected " + abbreviate(expected) + " but was " + abbreviate(actual);
    }

    private static boolean strings(String expected, String actual, Pattern placeholders) {
        if (expected.equals(actual)) {
            return true;
        }
        if (placeholders.matcher(expected).find()) {
            StringBuilder regex = new StringBuilder();
            Matcher m = placeholders.matcher(expected);
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(expected.substring(last, m.start()))).append("(.*?)");
                last = m.end();
            }
            regex.append(Pattern.quote(expected.substring(last)));
            if (Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual).matches()) {
                return true;
            }
        }
        JsonNode e = parseOrNull(expected);
        JsonNode a = parseOrNull(actual);
        return e != null && a != null && (e.isContainerNode() || e.isNumber() || e.isBoolean() || e.isNull())
                && difference(e, a, "", placeholders) == null;
    }

    private static JsonNode parseOrNull(String text) {
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
