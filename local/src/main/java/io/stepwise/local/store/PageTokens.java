package io.stepwise.local.store;

import io.stepwise.engine.port.InvalidPageToken;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page tokens: the listing position, encoded so that clients treat it as a blob. Tokens are bound to a
 * {@code scope} (e.g. the execution they page), so one listing's token is refused by another.
 */
final class PageTokens {
    private PageTokens() {
    }

    static String encode(String scope, String position) {
        String raw = scope + "\n" + position;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The position in {@code token}, or {@code null} for a first page. */
    static String decode(String scope, String token) {
        if (token == null) {
            return null;
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidPageToken();
        }
        int newline = raw.lastIndexOf('\n');
        if (newline < 0 || !raw.substring(0, newline).equals(scope)) {
            throw new InvalidPageToken();
        }
        return raw.substring(newline + 1);
    }
}
