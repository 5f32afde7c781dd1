package io.stepwise.asl.choice;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Timestamps as ASL defines them: the RFC 3339 profile of ISO 8601 with an uppercase {@code T} between date and
 * time and an uppercase {@code Z} when there is no numeric offset ({@code 2016-08-18T17:33:00Z},
 * {@code 2016-08-18T17:33:00.123+01:00}). Dates alone, a missing zone, a space instead of {@code T} or
 * lowercase letters are not timestamps.
 */
final class Timestamps {
    // Java's ISO parsers are lenient about case and optional parts, so the shape is pinned here first.
    private static final Pattern SHAPE =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

    private Timestamps() {
    }

    /** The instant {@code text} denotes, or empty when it is not an ASL timestamp (including Feb 30 etc.). */
    static Optional<Instant> parse(String text) {
        if (!SHAPE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
