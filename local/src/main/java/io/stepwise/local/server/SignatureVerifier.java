package io.stepwise.local.server;

import io.stepwise.api.ApiException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Checks a request's AWS Signature Version 4 ({@code Authorization: AWS4-HMAC-SHA256 ...}) against the configured
 * access keys, answering with AWS's error codes. The expected signature is computed by the AWS SDK's own signer
 * over the headers the client says it signed and the body, at the time the client says it signed.
 */
final class SignatureVerifier {
    static final String SERVICE = "states";
    /** AWS refuses requests signed more than 15 minutes before or after its own clock. */
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)"
            + "/aws4_request");
    private static final Pattern SIGNED_HEADERS = Pattern.compile("SignedHeaders=([^,\\s]+)");
    private static final Pattern SIGNATURE = Pattern.compile("Signature=([0-9a-f]{64})");

    private final AccessKeys keys;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    SignatureVerifier(AccessKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * A request as received; header names are matched case-insensitively.
     *
     * @param pathAndQuery the raw request target, e.g. {@code /}
     * @param headers every header the request carried, by name
     */
    record ReceivedRequest(String method, String host, String pathAndQuery, Map<String, List<String>> headers,
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
        String expected = expectedSignature(request, credential.group(1), secret, credential.group(3),
                List.of(signedHeaders.group(1).split(";")), signedAt);
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

    /** Re-signs only what the client signed, as the client would have at {@code signedAt}. */
    private String expectedSignature(ReceivedRequest request, String accessKeyId, String secret, String region,
            List<String> signedHeaders, Instant signedAt) {
        SdkHttpRequest.Builder resigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .uri(URI.create("http://" + request.host() + request.pathAndQuery()));
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (signedHeaders.contains(name) && !name.equals("host")) {
                resigned.putHeader(header.getKey(), header.getValue());
            }
        }
        String authorization = signer.sign(r -> r
                        .identity(AwsCredentialsIdentity.create(accessKeyId, secret))
                        .request(resigned.build())
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(request.body()))
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElse("");
        Matcher signature = SIGNATURE.matcher(authorization);
        return signature.find() ? signature.group(1) : "";
    }

    private static ApiException incomplete(String message) {
        return ApiException.of("IncompleteSignature", message);
    }

    private static ApiException invalid(String message) {
        return ApiException.of("InvalidSignatureException", message);
    }
}
