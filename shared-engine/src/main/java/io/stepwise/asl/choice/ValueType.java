package io.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.OptionalInt;

/** The kinds of value Choice operators compare, and how each kind is ordered. */
public enum ValueType {
    STRING {
        @Override
        public boolean accepts(JsonNode value) {
            return value.isTextual();
        }

        @Override
        int compareAccepted(JsonNode a, JsonNode b) {
            return compareCodePoints(a.textValue(), b.textValue());
        }
    },
    NUMBER {
        @Override
        public boolean accepts(JsonNode value) {
            return value.isNumber();
        }

        // Exact decimal comparison: 1 equals 1.0, and no precision is lost on long or big integers.
        @Override
        int compareAccepted(JsonNode a, JsonNode b) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
    },
    BOOLEAN {
        @Override
        public boolean accepts(JsonNode value) {
            return value.isBoolean();
        }

        @Override
        int compareAccepted(JsonNode a, JsonNode b) {
            return Boolean.compare(a.booleanValue(), b.booleanValue());
        }
    },
    TIMESTAMP {
        @Override
        public boolean accepts(JsonNode value) {
            return value.isTextual() && Timestamps.parse(value.textValue()).isPresent();
        }

        @Override
        int compareAccepted(JsonNode a, JsonNode b) {
            return instant(a).compareTo(instant(b));
        }

        private static Instant instant(JsonNode value) {
            return Timestamps.parse(value.textValue()).orElseThrow();
        }
    };

    /** True when {@code value} is of this type (for timestamps: a string in the accepted format). */
    public abstract boolean accepts(JsonNode value);

    abstract int compareAccepted(JsonNode a, JsonNode b);

    /** The order of {@code a} relative to {@code b}, or empty when either is not of this type. */
    public OptionalInt compare(JsonNode a, JsonNode b) {
        if (!accepts(a) || !accepts(b)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(compareAccepted(a, b));
    }

    /**
     * Compares by Unicode code point, as the ASL specification asks. {@link String#compareTo} compares UTF-16
     * units instead, which puts characters beyond U+FFFF before U+E000..U+FFFF.
     */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
