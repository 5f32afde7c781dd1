package io.stepwise.local.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 as a receiver computes it: the canonical request is built from what arrived, restricted
 * to the headers the client lists in {@code SignedHeaders}. (The AWS SDK's signer cannot do this: it adds and signs
 * {@code x-amz-content-sha256} itself, which the AWS CLI does not send, so its signatures never match the CLI's.)
 * The primitives are the JDK's; the tests check the result against signatures made by the AWS SDK and CLI.
 */
final class SigV4 {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final HexFormat HEX = HexFormat.of();

    private SigV4() {
    }

    /**
     * The hex signature of a request.
     *
     * @param scope {@code date/region/service/aws4_request}
     * @param signedHeaders lower-case names, in the order of {@code SignedHeaders}
     * @param header a received header's values by lower-case name (host included), empty when absent
     */
    static String signature(String secret, String amzDate, String scope, String method, String rawPath,
            String rawQuery, List<String> signedHeaders, Function<String, List<String>> header,
            byte[] body) {
        String canonicalRequest = method + "\n"
                + canonicalPath(rawPath) + "\n"
                + canonicalQuery(rawQuery) + "\n"
                + signedHeaders.stream().map(name -> name + ":" + canonicalValue(header.apply(name)) + "\n")
                        .collect(Collectors.joining()) + "\n"
                + String.join(";", signedHeaders) + "\n"
                + HEX.formatHex(sha256(body));
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
        for (String part : scope.split("/")) {
            key = hmac(key, part);
        }
        return HEX.formatHex(hmac(key, stringToSign));
    }

    /** Values trimmed, inner runs of spaces collapsed, several values joined by commas. */
    private static String canonicalValue(List<String> values) {
        return values.stream().map(value -> value.trim().replaceAll(" +", " ")).collect(Collectors.joining(","));
    }

    /**
     * Every service but S3 signs the path URI-encoded once more on top of the encoding it travels in, which leaves
     * only unreserved characters and {@code /} as they are.
     */
    private static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : rawPath.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c == '/' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || c == '.' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(HEX.toHexDigits(b).toUpperCase(Locale.ROOT));
            }
        }
        return encoded.toString();
    }

    /** Parameters sorted by name then value, as they arrived (clients send them already encoded). */
    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        return Arrays.stream(rawQuery.split("&"))
                .map(pair -> pair.contains("=") ? pair : pair + "=")
                .sorted()
                .collect(Collectors.joining("&"));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    /** Header values by lower-case name. */
    static Function<String, List<String>> lookup(Map<String, List<String>> headers) {
        Map<String, List<String>> byLowerCase = headers.entrySet().stream().collect(Collectors.toMap(
                entry -> entry.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue,
                (first, second) -> Stream.concat(first.stream(), second.stream()).toList()));
        return name -> byLowerCase.getOrDefault(name, List.of());
    }
}
