package io.stepwise.asl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Wait: exactly one way of saying how long, and a Timestamp that is RFC 3339. */
final class WaitValidator {
    /** AWS's order in its message, not alphabetical. */
    private static final List<String> DURATION_FIELDS = List.of("SecondsPath", "Seconds", "TimestampPath", "Timestamp");
    private static final Pattern RFC3339 = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?([Zz]|[+-](\\d{2}):(\\d{2}))");
    private static final long MAX_SECONDS = 99_999_999L;

    private WaitValidator() {
    }

    static void validate(StateScope s) {
        List<String> present = DURATION_FIELDS.stream().filter(s::has).toList();
        if (present.isEmpty()) {
            s.ctx().schema("This object should have only one of the following fields: "
                    + FieldRules.list(DURATION_FIELDS), s.location());
        } else if (present.size() > 1) {
            s.ctx().schema("There should only be one of the following fields: " + FieldRules.list(present),
                    s.location());
        }
        FieldRules.integer(s.node(), "Seconds", s.location(), 0, MAX_SECONDS, s.language(), s.ctx());
        if (!s.jsonPath()) {
            JsonataRules.field(s.node(), "Seconds", s.location(), s.ctx());
        }
        timestamp(s);
        if (s.jsonPath()) {
            PathRules.referencePath(s.node(), "SecondsPath", s.location(), PathRules.Roots.ANY, false, s.ctx());
            PathRules.referencePath(s.node(), "TimestampPath", s.location(), PathRules.Roots.ANY, false, s.ctx());
        }
    }

    private static void timestamp(StateScope s) {
        JsonNode value = s.get("Timestamp");
        if (value == null) {
            return;
        }
        if (JsonataRules.isExpression(value, s.language())) {
            JsonataRules.field(s.node(), "Timestamp", s.location(), s.ctx());
        } else if (!value.isTextual() || !isRfc3339(value.asText())) {
            s.ctx().schema("String does not match RFC3339 timestamp", s.at("Timestamp"));
        }
    }

    static boolean isRfc3339(String text) {
        Matcher m = RFC3339.matcher(text);
        if (!m.matches()) {
            return false;
        }
        try {
            LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
            if (m.group(9) != null) {
                LocalTime.of(Integer.parseInt(m.group(9)), Integer.parseInt(m.group(10)));
            }
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
