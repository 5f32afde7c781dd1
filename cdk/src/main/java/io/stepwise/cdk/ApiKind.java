package io.stepwise.cdk;

import java.util.Locale;

/**
 * Which kind of API Gateway API fronts the API function. Both authorise every request with IAM (SigV4 for service
 * {@code execute-api}) and hand the function the same proxy event (an HTTP API with payload format 1.0).
 */
public enum ApiKind {
    /** A REST API: $3.50 per million requests, 29-second integration timeout, request bodies passed as bytes. */
    REST,
    /** An HTTP API: $1.00 per million requests (up to 512 KB each), 30-second integration timeout. */
    HTTP;

    /** {@code rest} or {@code http}, in any case; {@code null} or blank for {@link #REST}. */
    public static ApiKind parse(String value) {
        if (value == null || value.isBlank()) {
            return REST;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("api must be rest or http, not " + value, e);
        }
    }
}
