package io.stepwise.it.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stepwise.query.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Brings our results into the recorded form (conformance README, "How the recorded values look"): payloads
 * decoded one level, per-run names replaced by placeholders, zoned date-times replaced by {@code date}.
 */
final class Normalizer {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "111111111111";
    static final String ROLE_ARN = "arn:aws:iam::111111111111:role/StepwiseConformanceRole";
    static final String MACHINE = "ConformanceMachine";

    private static final Pattern ZONED_DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private final String executionName;
    private final String mapRunPart0;
    private final String mapRunPart1;
    private final String machine;
    private final String account;
    private final Map<String, String> names;

    Normalizer(String executionName, String mapRunPart0, String mapRunPart1) {
        this(executionName, mapRunPart0, mapRunPart1, MACHINE, ACCOUNT);
    }

    /**
     * For runs whose state machine is not called {@link #MACHINE} or whose ARNs carry another account than
     * {@link #ACCOUNT} (the local server issues its own account id): both are mapped to the recorded ones.
     */
    Normalizer(String executionName, String mapRunPart0, String mapRunPart1, String machine, String account) {
        this(executionName, mapRunPart0, mapRunPart1, machine, account, Map.of());
    }

    /** As above, also putting back the tokens of a service-integration case ({@code names}: our name → token). */
    Normalizer(String executionName, String mapRunPart0, String mapRunPart1, String machine, String account,
            Map<String, String> names) {
        this.names = names;
        this.executionName = executionName;
        this.mapRunPart0 = mapRunPart0;
        this.mapRunPart1 = mapRunPart1;
        this.machine = machine;
        this.account = account;
    }

    String text(String value) {
        if (value.equals(REGION)) {
            // A Task's region in TaskScheduled; inside ARNs and URLs the region is replaced below.
            return "<region>";
        }
        String out = ServiceFixtures.substitute(value, names).replace(ROLE_ARN, "snf_role_arn");
        if (!account.equals(ACCOUNT)) {
            out = out.replace(":" + account + ":", ":" + ACCOUNT + ":");
        }
        if (mapRunPart1 != null) {
            out = out.replace(mapRunPart1, "<MapRunArnPart1_0idx>");
        }
        if (mapRunPart0 != null) {
            out = out.replace(":mapRun:" + machine + "/" + mapRunPart0 + ":",
                    ":mapRun:<ArnPart_0idx>/<MapRunArnPart0_0idx>:");
        }
        out = out.replace("arn:aws:", "arn:<partition>:")
                .replace(":" + REGION + ":", ":<region>:")
                .replace(":stateMachine:" + machine, ":stateMachine:<ArnPart_0idx>")
                .replace(":execution:" + machine + ":" + executionName, ":execution:<ArnPart_0idx>:<ExecArnPart_0idx>");
        out = out.replace(executionName, "<ExecArnPart_0idx>");
        out = out.replace(machine, "<ArnPart_0idx>");
        return ZONED_DATE_TIME.matcher(out).replaceAll("date");
    }

    /** Replaces names and dates in every string of {@code node}, recursively. */
    JsonNode deep(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(text(node.asText()));
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(e -> out.add(deep(e)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode value = deep(e.getValue());
                if (e.getKey().toLowerCase().contains("timestamp") && !value.asText().equals("date")) {
                    value = TextNode.valueOf("timestamp");
                }
                out.set(e.getKey(), value);
            }
            return out;
        }
        return node;
    }

    /** Rule 1: a payload whose text is a JSON object appears as that object; anything else stays text. */
    static JsonNode decodePayload(String text) {
        try {
            JsonNode parsed = Json.parse(text);
            return parsed.isObject() ? parsed : TextNode.valueOf(text);
        } catch (IllegalArgumentException e) {
            return TextNode.valueOf(text);
        }
    }
}
