package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;
import java.nio.charset.StandardCharsets;

/** Payload text and the details objects that carry it, as AWS writes them in history events. */
final class Payloads {
    /** AWS's quota for a state's input or output, and for an execution's input. */
    static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    private Payloads() {
    }

    static String text(JsonNode value) {
        return Json.write(value);
    }

    static int sizeInBytes(JsonNode value) {
        return text(value).getBytes(StandardCharsets.UTF_8).length;
    }

    static ObjectNode withInput(ObjectNode details, String input) {
        details.put("input", input);
        details.putObject("inputDetails").put("truncated", false);
        return details;
    }

    static ObjectNode withOutput(ObjectNode details, String output) {
        details.put("output", output);
        details.putObject("outputDetails").put("truncated", false);
        return details;
    }

    static ObjectNode details() {
        return Json.MAPPER.createObjectNode();
    }

    /** Error details omit absent members rather than writing nulls, as AWS does. */
    static ObjectNode errorDetails(String error, String cause) {
        ObjectNode details = details();
        if (error != null) {
            details.put("error", error);
        }
        if (cause != null) {
            details.put("cause", cause);
        }
        return details;
    }
}
