package io.stepwise.local.config;

import static io.stepwise.local.config.ConfigMembers.onlyMembers;
import static io.stepwise.local.config.ConfigMembers.requireObject;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.integrations.http.HttpConnection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code http} section of {@code stepwise.json}: the EventBridge connections HTTP Tasks name, by connection ARN,
 * each written as the {@code AuthorizationType} and {@code AuthParameters} of EventBridge's CreateConnection. On AWS
 * the connection's credentials are kept in Secrets Manager; locally they are read from here.
 *
 * <pre>{@code
 * "http": {"connections": {
 *   "arn:aws:events:us-east-1:123456789012:connection/shop/1": {
 *     "AuthorizationType": "API_KEY",
 *     "AuthParameters": {"ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "secret"}}}
 * }}
 * }</pre>
 */
final class HttpConfig {
    private HttpConfig() {
    }

    static Map<String, HttpConnection> parse(JsonNode http) {
        requireObject(http, "'http'");
        onlyMembers(http, "'http'", Set.of("connections"));
        Map<String, HttpConnection> connections = new LinkedHashMap<>();
        JsonNode declared = http.path("connections");
        if (declared.isMissingNode()) {
            return connections;
        }
        requireObject(declared, "'http.connections'");
        for (Iterator<Map.Entry<String, JsonNode>> it = declared.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String where = "'http.connections." + entry.getKey() + "'";
            if (!entry.getKey().startsWith("arn:") || !entry.getKey().contains(":connection/")) {
                throw new IllegalArgumentException(where + " must be keyed by an EventBridge connection ARN "
                        + "(arn:aws:events:<region>:<account>:connection/<name>/<id>)");
            }
            requireObject(entry.getValue(), where);
            onlyMembers(entry.getValue(), where, Set.of("AuthorizationType", "AuthParameters"));
            try {
                connections.put(entry.getKey(), HttpConnection.fromCreateConnection(entry.getValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return connections;
    }
}
