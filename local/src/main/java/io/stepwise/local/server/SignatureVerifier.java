package io.stepwise.local.server;

import io.stepwise.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a request's AWS Signature Version 4 ({@code Authorization: AWS4-HMAC-SHA256 ...}) against the configured
 * access keys, answering with AWS's error codes: the key must be known, the signature must be recent and cover
 * the headers the client lists and the body.
 */
final class SignatureVerifier {
    static final String SERVICE = "states";
    /** AWS refuses requests signed more than 15 minutes before or after its own clock. */
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final String ALGORITHM = SigV4.ALGORITHM;
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)"
            + "/aws4_request");
    private static final Pattern SIGNED_HEADERS = Pattern.compile("SignedHeaders=([^,\\s]+)");
    private static final Pattern SIGNATURE = Pattern.compile("Signature=([0-9a-f]{64})");

    private final AccessKeys keys;
    private final Clock clock;

    SignatureVerifier(AccessKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * A request as received; header names are matched case-insensitively.
     *
     * @param path the path as it arrived (still percent-encoded), e.g. {@code /}
     * @param query the query as it arrived, or {@code null}
     * @param headers every header the request carried, by name
     */
    record ReceivedRequest(String method, String path, String query, Map<String, List<String>> headers,
            byte[] body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                    return header.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** @throws ApiException when the request is unsigned, signed with an unknown key, wrongly, or too long ago */
    void verify(ReceivedRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null) {
            throw new ApiException("MissingAuthenticationToken", "Missing Authentication Token", 403);
        }
        if (!authorization.startsWith(ALGORITHM + " ")) {
            throw incomplete("Authorization header requires the " + ALGORITHM + " algorithm");
        }
        Matcher credential = CREDENTIAL.matcher(authorization);
        Matcher signedHeaders = SIGNED_HEADERS.matcher(authorization);
        Matcher signature = SIGNATURE.matcher(authorization);
        if (!credential.find() || !signedHeaders.find() || !signature.find()) {
            throw incomplete("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'"
                    + " parameters");
        }
        String secret = keys.secretOf(credential.group(1)).orElseThrow(() -> ApiException.of(
                "UnrecognizedClientException", "The security token included in the request is invalid."));
        if (!SERVICE.equals(credential.group(4))) {
            throw invalid("Credential should be scoped to correct service: '" + SERVICE + "'.");
        }
        Instant signedAt = signedAt(request);
        Instant now = clock.instant();
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            throw invalid("Signature expired: " + AMZ_DATE.format(signedAt) + " is outside the 15 minutes around "
                    + AMZ_DATE.format(now) + ".");
        }
        if (!credential.group(2).equals(AMZ_DATE.format(signedAt).substring(0, 8))) {
            throw invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP");
        }
        List<String> signed = List.of(signedHeaders.group(1).split(";"));
        if (!signed.contains("host") || !signed.contains("x-amz-date")) {
            // Unsigned, either could be changed in transit: the date to replay the request past the skew window.
            throw invalid("'Host' and 'X-Amz-Date' must be among the SignedHeaders");
        }
        String scope = credential.group(2) + "/" + credential.group(3) + "/" + SERVICE + "/aws4_request";
        String expected = SigV4.signature(secret, request.header("X-Amz-Date"), scope, request.method(),
                request.path(), request.query(), signed, SigV4.lookup(request.headers()), request.body());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.group(1).getBytes(StandardCharsets.US_ASCII))) {
            throw invalid("The request signature we calculated does not match the signature you provided. Check"
                    + " your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
    }

    private static Instant signedAt(ReceivedRequest request) {
        String date = request.header("X-Amz-Date");
        if (date == null) {
            throw incomplete("Authorization header requires existence of an 'X-Amz-Date' header");
        }
        try {
            return Instant.from(AMZ_DATE.parse(date));
        } catch (DateTimeParseException e) {
            throw incomplete("'X-Amz-Date' must be in the ISO8601 basic format yyyyMMdd'T'HHmmss'Z'");
        }
    }

    private static ApiException incomplete(String message) {
        return ApiException.of("IncompleteSignature", message);
    }

    private static ApiException invalid(String message) {
        return ApiException.of("InvalidSignatureException", message);
    }
}
