package io.stepwise.local.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The region of a request's SigV4 credential scope ({@code Authorization: AWS4-HMAC-SHA256
 * Credential=KEY/20250101/eu-west-1/states/aws4_request, …}), which decides where the request's resources live, as
 * the regional endpoint a client signs for does on AWS. Read whether or not signatures are verified; an unsigned
 * request, or one whose scope cannot be read, is in the server's default region.
 */
final class CredentialScope {
    private static final Pattern REGION =
            Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([a-z0-9-]{1,64})/[^/,\\s]+/aws4_request");

    private CredentialScope() {
    }

    /** The region named by {@code authorization}, or {@code null} for the default one. */
    static String region(String authorization) {
        if (authorization == null) {
            return null;
        }
        Matcher m = REGION.matcher(authorization);
        return m.find() ? m.group(1) : null;
    }
}
