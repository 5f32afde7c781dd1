package io.stepwise.query.jsonata;

/** A reason AWS refuses an expression when a definition is created or validated. */
public record JsonataDiagnostic(String code, String message) {
    public static final String INVALID = "INVALID_JSONATA_EXPRESSION";
    public static final String UNSUPPORTED = "UNSUPPORTED_JSONATA_EXPRESSION";
}
