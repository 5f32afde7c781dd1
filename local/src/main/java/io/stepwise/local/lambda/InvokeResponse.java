package io.stepwise.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The output of {@code arn:aws:states:::lambda:invoke} for a local function, shaped as AWS records it: Lambda's
 * Invoke response ({@code ExecutedVersion}, {@code LogResult} with {@code LogType: Tail}, {@code Payload} as JSON,
 * {@code StatusCode}) and the HTTP metadata of that response, with the headers Lambda sends.
 */
final class InvokeResponse {
    private static final String VERSION = "$LATEST";

    private InvokeResponse() {
    }

    /** @param log the invocation's log text for {@code LogResult}, or null without {@code LogType: Tail} */
    static ObjectNode of(JsonNode payload, String requestId, String log, Instant now) {
        String body = Json.write(payload);
        String logResult = log == null ? null
                : Base64.getEncoder().encodeToString(log.getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>();
        if (logResult != null) {
            headers.put("X-Amz-Log-Result", logResult);
        }
        headers.put("X-Amz-Executed-Version", VERSION);
        headers.put("x-amzn-Remapped-Content-Length", "0");
        headers.put("Connection", "keep-alive");
        headers.put("x-amzn-RequestId", requestId);
        headers.put("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        headers.put("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC)));
        headers.put("X-Amzn-Trace-Id", "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-"
                + requestId.replace("-", "").substring(0, 24) + ";Sampled=0");
        headers.put("Content-Type", "application/json");

        ObjectNode response = Json.MAPPER.createObjectNode();
        response.put("ExecutedVersion", VERSION);
        if (logResult != null) {
            response.put("LogResult", logResult);
        }
        response.set("Payload", payload);
        ObjectNode metadata = response.putObject("SdkHttpMetadata");
        ObjectNode all = metadata.putObject("AllHttpHeaders");
        headers.forEach((name, value) -> all.putArray(name).add(value));
        ObjectNode single = metadata.putObject("HttpHeaders");
        Map<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sorted.putAll(headers);
        sorted.forEach(single::put);
        metadata.put("HttpStatusCode", 200);
        response.putObject("SdkResponseMetadata").put("RequestId", requestId);
        response.put("StatusCode", 200);
        return response;
    }
}
