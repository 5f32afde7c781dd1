package io.stepwise.api;

import java.util.Map;

/**
 * The length constraints of AWS's Step Functions service model for string members, checked before any operation
 * runs, as AWS validates a request against its model first. Members with their own error code ({@code input} →
 * {@code InvalidExecutionInput}, {@code output} → {@code InvalidOutput}, {@code taskToken} → {@code InvalidToken},
 * names → {@code InvalidName}, or past 80 characters this {@code ValidationException}) are checked by their
 * operations instead.
 */
final class MemberLimits {
    /** The model's {@code Arn} shape: 1 to 256 characters. */
    static final int ARN = 256;
    /** The model's {@code Definition} shape, and AWS's hard 1 MB quota on a definition. */
    static final int DEFINITION_BYTES = 1_048_576;

    private static final Map<String, Integer> MAX_LENGTH = Map.ofEntries(
            Map.entry("stateMachineArn", ARN),
            Map.entry("executionArn", ARN),
            Map.entry("activityArn", ARN),
            Map.entry("resourceArn", ARN),
            Map.entry("roleArn", ARN),
            Map.entry("stateMachineVersionArn", ARN),
            Map.entry("stateMachineAliasArn", ARN),
            Map.entry("error", 256),
            Map.entry("cause", 32_768),
            Map.entry("description", 256),
            Map.entry("versionDescription", 256),
            Map.entry("nextToken", 1024),
            Map.entry("workerName", 80));

    private MemberLimits() {
    }

    /** Fails with AWS's {@code ValidationException} when {@code value} is longer than the model allows. */
    static void check(String member, String value) {
        if (member.equals("definition")) {
            // Counted in UTF-8 bytes: the 1 MB quota is a size, and bytes are never fewer than characters.
            if (value.length() > DEFINITION_BYTES / 3 && utf8Length(value) > DEFINITION_BYTES) {
                throw tooLong(member, DEFINITION_BYTES);
            }
            return;
        }
        Integer max = MAX_LENGTH.get(member);
        if (max != null && value.codePointCount(0, value.length()) > max) {
            throw tooLong(member, max);
        }
    }

    /** The UTF-8 size of {@code text} without encoding it. */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** AWS leaves the value out of the message for its sensitive and long members; so does Stepwise, for all. */
    static ApiException tooLong(String member, int max) {
        return ApiException.of("ValidationException", "1 validation error detected: Value at '" + member
                + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
    }
}
