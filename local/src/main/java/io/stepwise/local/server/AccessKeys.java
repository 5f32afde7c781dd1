package io.stepwise.local.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The access key pairs a client must sign its requests with (AWS Signature Version 4). With none, requests are not
 * authenticated, which is only allowed while the server listens on loopback.
 *
 * @param secrets secret access key by access key id
 */
public record AccessKeys(Map<String, String> secrets) {
    /** Where {@code stepwise serve} also reads keys from, as {@code ID:SECRET[,ID:SECRET...]}. */
    public static final String ENV = "STEPWISE_ACCESS_KEYS";

    public AccessKeys {
        secrets = Map.copyOf(secrets);
    }

    public static AccessKeys none() {
        return new AccessKeys(Map.of());
    }

    /**
     * Adds {@code ID:SECRET}.
     *
     * @throws IllegalArgumentException when either half is empty
     */
    public AccessKeys with(String pair) {
        int colon = pair.indexOf(':');
        if (colon <= 0 || colon == pair.length() - 1) {
            throw new IllegalArgumentException("an access key must be ACCESS_KEY_ID:SECRET_ACCESS_KEY");
        }
        Map<String, String> more = new LinkedHashMap<>(secrets);
        more.put(pair.substring(0, colon), pair.substring(colon + 1));
        return new AccessKeys(more);
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    public Optional<String> secretOf(String accessKeyId) {
        return Optional.ofNullable(secrets.get(accessKeyId));
    }

    /** Names the key ids only, so that options can be printed or logged without leaking a secret. */
    @Override
    public String toString() {
        return "AccessKeys" + secrets.keySet();
    }
}
