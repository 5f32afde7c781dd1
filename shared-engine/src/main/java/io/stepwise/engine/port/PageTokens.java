package io.stepwise.engine.port;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page tokens for store adapters: the listing position, encoded so that clients treat it as a blob. Tokens
 * are bound to a {@code scope} (the listing and its filter), so a token of one listing is refused by another
 * instead of silently paging the wrong items.
 */
public final class PageTokens {
    private PageTokens() {
    }

    public static String encode(String scope, String position) {
        String raw = scope + "\n" + position;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position in {@code token}, or {@code null} for a first page.
     *
     * @throws InvalidPageToken when the token is not one of ours or belongs to another listing
     */
    public static String decode(String scope, String token) {
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
