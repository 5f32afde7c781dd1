package io.stepwise.local.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.Set;

/**
 * The member checks every section of {@code stepwise.json} makes, so that each section refuses a wrong value with
 * the same words; {@code where} names the member as the user wrote it, e.g. {@code 'aws.endpoint'}.
 */
final class ConfigMembers {
    private ConfigMembers() {
    }

    static String text(JsonNode node, String where) {
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw new IllegalArgumentException(where + " must be a non-empty string");
        }
        return node.textValue();
    }

    static URI url(JsonNode node, String where) {
        String text = text(node, where);
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException(where + " must be an http(s) URL, not " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(where + " is not a URL: " + e.getMessage(), e);
        }
    }

    static void requireObject(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object");
        }
    }

    /** Refuses members not in {@code allowed}: a misspelt one would otherwise be silently ignored. */
    static void onlyMembers(JsonNode node, String where, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(where + " has an unknown member '" + name + "' (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }
}
