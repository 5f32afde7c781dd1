package io.stepwise.asl.validation;

import java.util.Set;

/** Fields that exist in only one query language; using one in the other dialect is an error. */
final class DialectFields {
    private static final Set<String> JSONPATH_ONLY = Set.of("InputPath", "OutputPath", "Parameters",
            "ResultSelector", "ResultPath", "Result", "ItemsPath", "SecondsPath", "TimestampPath",
            "TimeoutSecondsPath", "HeartbeatSecondsPath", "ErrorPath", "CausePath", "MaxConcurrencyPath",
            "ToleratedFailureCountPath", "ToleratedFailurePercentagePath", "Variable");
    private static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items", "Condition");

    private DialectFields() {
    }

    /** Reports {@code field} when it belongs to the other dialect than {@code language}. */
    static boolean reportMismatch(String field, QueryLanguage language, String location, ValidationContext ctx) {
        QueryLanguage owner = JSONPATH_ONLY.contains(field) ? QueryLanguage.JSONPATH
                : JSONATA_ONLY.contains(field) ? QueryLanguage.JSONATA : null;
        if (owner == null || owner == language) {
            return false;
        }
        ctx.schema("The QueryLanguage is set to '" + language.aslName() + "', but field '" + field
                + "' is only supported for the '" + owner.aslName() + "' QueryLanguage", location);
        return true;
    }
}
