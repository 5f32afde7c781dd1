package io.stepwise.cdk;

import java.util.Locale;

/**
 * Which kind of API Gateway API fronts the API function. Both authorise every request with IAM (SigV4 for service
 * {@code execute-api}) and hand the function the same proxy event (an HTTP API with payload format 1.0). The HTTP
 * API is the default: at $1.00 per million requests instead of $3.50 it is what keeps the typical workflow within
 * $2.50 per million transitions (BENCHMARKS.md, "cost per state transition"); the REST API is for deployments that
 * need what only it has (private endpoints, resource policies, AWS WAF, usage plans).
 */
public enum ApiKind {
    /** A REST API: $3.50 per million requests, 29-second integration timeout, request bodies passed as bytes. */
    REST,
    /** An HTTP API: $1.00 per million requests (up to 512 KB each), 30-second integration timeout. */
    HTTP;

    /** {@code rest} or {@code http}, in any case; {@code null} or blank for {@link #HTTP}. */
    public static ApiKind parse(String value) {
        if (value == null || value.isBlank()) {
            return HTTP;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("api must be rest or http, not " + value, e);
        }
    }
}
