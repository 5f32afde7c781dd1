package io.stepwise.integrations.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The headers of an HTTP Task's request, each name once whatever its case (a later value replaces an earlier one in
 * its place), remembering which the EventBridge connection added (secrets TestState shows only when asked) and which
 * AWS's trace does not show at all.
 */
final class OutgoingHeaders {
    record Header(String name, String value, boolean secret, boolean hidden) {
    }

    private final Map<String, Header> byName = new LinkedHashMap<>();

    void put(String name, String value, boolean secret) {
        byName.put(name.toLowerCase(Locale.ROOT), new Header(name, value, secret, false));
    }

    void putHidden(String name, String value) {
        byName.put(name.toLowerCase(Locale.ROOT), new Header(name, value, false, true));
    }

    boolean has(String name) {
        return byName.containsKey(name.toLowerCase(Locale.ROOT));
    }

    List<Header> sent() {
        return List.copyOf(byName.values());
    }

    /** The headers as AWS's TRACE prints them, {@code [Name: value, ...]}, with or without the connection's. */
    String shown(boolean revealSecrets) {
        List<String> shown = new ArrayList<>();
        for (Header header : byName.values()) {
            if (!header.hidden() && (revealSecrets || !header.secret())) {
                shown.add(header.name() + ": " + header.value());
            }
        }
        return "[" + String.join(", ", shown) + "]";
    }
}
