package io.stepwise.engine.port;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Offset pages for the in-memory stores; a token names its listing, so one from another listing is refused. */
final class InMemoryPages {
    private InMemoryPages() {
    }

    /** The page of {@code items} after the position {@code nextToken} names, for the listing {@code scope}. */
    static <T> Page<T> page(List<T> items, String scope, int maxResults, String nextToken) {
        int from = decode(scope, nextToken);
        int to = (int) Math.min(items.size(), (long) from + maxResults);
        List<T> page = items.subList(Math.min(from, items.size()), to);
        return new Page<>(page, to < items.size() ? encode(scope, to) : null);
    }

    private static String encode(String scope, int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((scope + "\n" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String scope, String token) {
        if (token == null) {
            return 0;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int newline = raw.lastIndexOf('\n');
            if (newline < 0 || !raw.substring(0, newline).equals(scope)) {
                throw new InvalidPageToken();
            }
            return Integer.parseInt(raw.substring(newline + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidPageToken();
        }
    }
}
