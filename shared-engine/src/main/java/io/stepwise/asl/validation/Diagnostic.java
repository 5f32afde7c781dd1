package io.stepwise.asl.validation;

/**
 * One finding about a definition, shaped like an entry of {@code ValidateStateMachineDefinition}'s
 * {@code diagnostics}.
 *
 * @param location JSON-pointer-like path AWS reports ({@code /States/A/Choices[0]/Next}); {@code null}
 *                 where AWS reports none (text that is not a JSON object, a workflow without terminal state)
 */
public record Diagnostic(Severity severity, String code, String message, String location) {
    public static final String SCHEMA_VALIDATION_FAILED = "SCHEMA_VALIDATION_FAILED";
    public static final String INVALID_JSON_DESCRIPTION = "INVALID_JSON_DESCRIPTION";
    public static final String MISSING_TRANSITION_TARGET = "MISSING_TRANSITION_TARGET";
    public static final String MISSING_END_STATE = "MISSING_END_STATE";
    public static final String DUPLICATE_STATE_NAME = "DUPLICATE_STATE_NAME";
    public static final String INVALID_STATE_NAME = "INVALID_STATE_NAME";
    public static final String INVALID_JSONATA_EXPRESSION = "INVALID_JSONATA_EXPRESSION";
    public static final String UNSUPPORTED_JSONATA_EXPRESSION = "UNSUPPORTED_JSONATA_EXPRESSION";

    public static Diagnostic error(String code, String message, String location) {
        return new Diagnostic(Severity.ERROR, code, message, location);
    }
}
