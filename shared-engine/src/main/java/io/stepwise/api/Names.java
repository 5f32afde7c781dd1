package io.stepwise.api;

import java.util.regex.Pattern;

/**
 * AWS's naming rule for state machines, executions and activities (Step Functions quotas page): no whitespace,
 * brackets, wildcards, special characters or control characters (U+0000–U+001F and U+007F–U+009F).
 */
final class Names {
    /** The model's {@code Name} shape: at most 80 characters. */
    private static final int MAX_LENGTH = 80;
    private static final Pattern FORBIDDEN =
            Pattern.compile("[\\s?*<>{}\\[\\]\"#%\\\\^|~`$&,;:/\\p{Cntrl}\\u0080-\\u009F]");

    private Names() {
    }

    static String require(String name) {
        // A name longer than the model allows fails the model's constraint before the naming rule is applied.
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw ApiException.of("ValidationException", "1 validation error detected: Value '" + name
                    + "' at 'name' failed to satisfy constraint: Member must have length less than or equal to "
                    + MAX_LENGTH);
        }
        if (name.isEmpty() || FORBIDDEN.matcher(name).find()) {
            throw ApiException.of("InvalidName", "Invalid Name: '" + name + "'");
        }
        return name;
    }
}
