package io.stepwise.it.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stepwise.query.Json;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The recorded TestState calls ({@code test_state/...}): the request a case describes, and the comparison of what
 * came back (a response or an error) with what AWS answered, after the README's normalisation. Shared by the
 * in-memory run (through the API service) and the server run (through the SDK's {@code SfnClient.testState}).
 */
final class TestStateCases {
    /** The members of {@code inspectionData} that AWS sends as JSON text (decoded one level when recorded). */
    private static final List<String> TEXT_MEMBERS = List.of("input", "afterArguments", "afterInputPath",
            "afterParameters", "result", "afterResultSelector", "afterResultPath", "variables", "afterItemsPath",
            "afterItemSelector", "afterItemBatcher", "afterItemsPointer");
    /** The request members the API takes as JSON text; a case gives them parsed, and as text in {@code <name>Text}. */
    private static final List<String> JSON_TEXT_MEMBERS = List.of("definition", "input", "variables", "context");
    private static final Pattern ZONED_DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern ACCOUNT_IN_ARN = Pattern.compile("(arn:aws[\\w-]*:[\\w-]+:[\\w-]*:)\\d{12}:");

    private TestStateCases() {
    }

    static boolean isTestState(JsonNode testCase) {
        return "TestState".equals(testCase.path("request").path("api").asText());
    }

    /** The request body to send: the case's request with the JSON-text members as their exact texts. */
    static ObjectNode requestBody(JsonNode testCase) {
        JsonNode request = testCase.get("request");
        ObjectNode body = Json.MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = request.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (name.equals("api") || request.has(name + "Text")) {
                continue;
            }
            if (name.endsWith("Text")) {
                body.set(name.substring(0, name.length() - "Text".length()), field.getValue());
            } else if (name.equals("roleArn")) {
                body.put(name, field.getValue().asText().replace("snf_role_arn", Normalizer.ROLE_ARN));
            } else if (JSON_TEXT_MEMBERS.contains(name) && !field.getValue().isTextual()) {
                body.put(name, Json.write(field.getValue()));
            } else {
                body.set(name, field.getValue());
            }
        }
        return body;
    }

    /** Null when an error answer matches the recorded one, else the difference. */
    static String compareError(JsonNode testCase, String code, String message, int httpStatus) {
        JsonNode expected = testCase.get("expected");
        if (!expected.has("error")) {
            return "expected a result but the call failed: " + code + ": " + message;
        }
        JsonNode error = expected.get("error");
        if (!error.get("code").asText().equals(code)) {
            return "expected error code " + error.get("code").asText() + " but was " + code + " (" + message + ")";
        }
        if (error.has("httpStatus") && error.get("httpStatus").asInt() != httpStatus) {
            return "expected HTTP " + error.get("httpStatus").asInt() + " but was " + httpStatus;
        }
        String expectedMessage = error.get("message").asText();
        return expectedMessage.equals(message) ? null
                : "expected message <" + expectedMessage + "> but was <" + message + ">";
    }

    /** Null when a response (its wire JSON) matches the recorded result, else the first difference. */
    static String compareResult(JsonNode testCase, JsonNode response) {
        JsonNode expected = testCase.get("expected");
        if (!expected.has("testStateResult")) {
            return "expected error " + expected.path("error") + " but the call answered " + response;
        }
        ObjectNode actual = Json.MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = response.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (field.getKey().equals("output") && value.isTextual()) {
                value = Normalizer.decodePayload(value.asText());
            } else if (field.getKey().equals("inspectionData") && value.isObject()) {
                ObjectNode inspection = Json.MAPPER.createObjectNode();
                value.fields().forEachRemaining(member -> inspection.set(member.getKey(),
                        TEXT_MEMBERS.contains(member.getKey()) && member.getValue().isTextual()
                                ? Normalizer.decodePayload(member.getValue().asText()) : member.getValue()));
                value = inspection;
            }
            actual.set(field.getKey(), normalize(value));
        }
        for (JsonNode entry : testCase.path("comparison").path("replacedPaths")) {
            String path = entry.get("path").asText();
            replace(actual, path.substring(path.lastIndexOf('.') + 1), TextNode.valueOf(entry.get("replacement").asText()));
        }
        return JsonMatcher.difference(expected.get("testStateResult"), actual, "testStateResult",
                placeholders(testCase));
    }

    /** Rule 4 and 5 of the README for a TestState answer: partition, account, region and zoned date-times. */
    private static JsonNode normalize(JsonNode node) {
        if (node.isTextual()) {
            String text = ACCOUNT_IN_ARN.matcher(node.asText()).replaceAll("$1" + Normalizer.ACCOUNT + ":");
            text = text.replace("arn:aws:", "arn:<partition>:").replace(Normalizer.REGION, "<region>");
            return TextNode.valueOf(ZONED_DATE_TIME.matcher(text).replaceAll("date"));
        }
        if (node.isArray()) {
            var out = Json.MAPPER.createArrayNode();
            node.forEach(e -> out.add(normalize(e)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), normalize(e.getValue())));
            return out;
        }
        return node;
    }

    /** A {@code $..key} replacement: every text value under {@code key}, at any depth. */
    private static void replace(JsonNode node, String key, TextNode replacement) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.has(key) && object.get(key).isTextual()) {
                object.set(key, replacement);
            }
        }
        if (node.isContainerNode()) {
            node.forEach(child -> replace(child, key, replacement));
        }
    }

    /**
     * The placeholders that stand for per-run text: {@code <uuid:N>}, {@code <resource:N>}, {@code <json-input:N>}
     * and the case's own {@code <name>} tokens (a value the test replaced, such as an MD5 of a random body).
     */
    private static Pattern placeholders(JsonNode testCase) {
        StringBuilder regex = new StringBuilder("<(uuid|json-input|resource):\\d+>");
        for (Iterator<String> it = testCase.path("placeholders").fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.startsWith("<") && name.endsWith(">") && !name.equals("<region>")) {
                regex.append('|').append(Pattern.quote(name));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
