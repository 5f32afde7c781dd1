package io.stepwise.api;

import java.util.regex.Pattern;

/** AWS's naming rule for state machines, executions and activities (Step Functions quotas page). */
final class Names {
    private static final Pattern FORBIDDEN = Pattern.compile("[\\s?*<>{}\\[\\]\"#%\\\\^|~`$&,;:/\\p{Cntrl}]");

    private Names() {
    }

    static String require(String name) {
        if (name.isEmpty() || name.length() > 80 || FORBIDDEN.matcher(name).find()) {
            throw ApiException.of("InvalidName", "Invalid Name: '" + name + "'");
        }
        return name;
    }
}
