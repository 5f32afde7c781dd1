package io.stepwise.api;

/**
 * The size limits AWS applies beyond its service model's character counts (which {@link RequestConstraints}
 * checks): a definition's 1 MB quota is counted in UTF-8 bytes, as are the 256 KiB payload quotas that
 * {@code input} and {@code output} answer with their operations' own codes.
 */
final class MemberLimits {
    /** The model's {@code Definition} shape, and AWS's hard 1 MB quota on a definition. */
    static final int DEFINITION_BYTES = 1_048_576;

    private MemberLimits() {
    }

    /** Fails with AWS's {@code ValidationException} when a definition is over its quota in bytes. */
    static void check(String member, String value) {
        if (member.equals("definition")) {
            // Counted in UTF-8 bytes: the 1 MB quota is a size, and bytes are never fewer than characters.
            if (value.length() > DEFINITION_BYTES / 3 && utf8Length(value) > DEFINITION_BYTES) {
                throw tooLong(member, DEFINITION_BYTES);
            }
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

    /** The definition is a sensitive member: AWS leaves its value out of the message. */
    static ApiException tooLong(String member, int max) {
        return ApiException.of("ValidationException", "1 validation error detected: Value at '" + member
                + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
    }
}
