package io.stepwise.engine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Task tokens: HMAC-SHA256 under the execution's {@link ExecutionStart#tokenKey()} of the execution ARN and the
 * task attempt's reference. Knowing every output, event and random draw of the execution does not help to compute
 * one; replaying the same history with the same start yields the same tokens.
 */
public final class TaskTokens {
    /** An HMAC-SHA256 in unpadded base64url: 32 bytes in 43 characters. */
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

    private TaskTokens() {
    }

    /** Whether {@code token} has the form of a minted token: one that does not was never issued by any execution. */
    public static boolean wellFormed(String token) {
        return FORM.matcher(token).matches();
    }

    static String mint(ExecutionStart start, String ref) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getUrlDecoder().decode(start.tokenKey()), "HmacSHA256"));
            mac.update(start.executionArn().getBytes(StandardCharsets.UTF_8));
            // A separator no ARN contains keeps (arn, ref) pairs from running into one another.
            mac.update((byte) '\n');
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(
                    ref.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM provides HmacSHA256", e);
        }
    }
}
