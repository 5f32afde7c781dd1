package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.history.PayloadText;
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

    /** Whether {@code text} is over the payload quota in UTF-8, without encoding it when it clearly is not. */
    static boolean exceedsLimit(String text) {
        if ((long) text.length() * 3 <= MAX_PAYLOAD_BYTES) {
            return false;
        }
        return text.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES;
    }

    static ObjectNode withInput(ObjectNode details, String input) {
        details.put("input", input);
        details.set("inputDetails", NOT_TRUNCATED);
        return details;
    }

    static ObjectNode withInput(ObjectNode details, PayloadText input) {
        details.putPOJO("input", input);
        details.set("inputDetails", NOT_TRUNCATED);
        return details;
    }

    static ObjectNode withOutput(ObjectNode details, PayloadText output) {
        details.putPOJO("output", output);
        details.set("outputDetails", NOT_TRUNCATED);
        return details;
    }

    /**
     * Whether {@code value} written as JSON is over the payload quota in UTF-8. Counting an upper bound of
     * the written size is much cheaper than writing; only a payload near the quota is written to be exact.
     */
    static boolean exceedsLimit(JsonNode value, PayloadSizeMemo sizeMemo) {
        long bound = PayloadSize.upperBound(value, MAX_PAYLOAD_BYTES + 1L, sizeMemo);
        if (bound <= MAX_PAYLOAD_BYTES) {
            return false;
        }
        return exceedsLimit(text(value));
    }

    /** Shared by every event: AWS never truncates here, and nobody mutates it. */
    private static final ObjectNode NOT_TRUNCATED = Json.MAPPER.createObjectNode().put("truncated", false);

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
