package io.stepwise.it.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stepwise.query.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * The loose comparison the conformance README asks for where {@code comparison.httpMetadata} is set: the HTTP
 * headers inside {@code SdkHttpMetadata} are the answering server's (AWS's Server, Connection, Content-Length, or
 * an emulator's), so both sides' header maps are replaced by one marker; the rest of the metadata (its shape,
 * {@code HttpStatusCode}) is still compared. Payload strings holding JSON objects are loosened inside too.
 */
final class HttpMetadataHeaders {
    private static final TextNode MARKER = TextNode.valueOf("<http headers>");

    private HttpMetadataHeaders() {
    }

    /** Loosens {@code node} in place where it is a container, and returns it (a loosened copy for JSON text). */
    static JsonNode loosen(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual() && node.asText().contains("SdkHttpMetadata")) {
            try {
                JsonNode parsed = Json.parse(node.asText());
                return parsed.isContainerNode() ? TextNode.valueOf(Json.write(loosen(parsed))) : node;
            } catch (IllegalArgumentException e) {
                return node;
            }
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.has("HttpStatusCode") && (object.has("AllHttpHeaders") || object.has("HttpHeaders"))) {
                for (String headers : new String[] {"AllHttpHeaders", "HttpHeaders"}) {
                    if (object.has(headers)) {
                        object.set(headers, MARKER);
                    }
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                field.setValue(loosen(field.getValue()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((ArrayNode) node).set(i, loosen(node.get(i)));
            }
        }
        return node;
    }
}
