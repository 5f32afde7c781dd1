package io.stepwise.asl.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** Rules every state shares (name, Type, dialect, allowed fields, Next/End, data flow), then its type's rules. */
final class StateValidator {
    static final int MAX_NAME_LENGTH = 80;

    private StateValidator() {
    }

    static void validate(String name, JsonNode state, String location, ValidationContext ctx) {
        if (!ctx.registerStateName(name)) {
            ctx.report(Diagnostic.DUPLICATE_STATE_NAME, "Duplicate State name: " + name, location);
        }
        if (name.length() > MAX_NAME_LENGTH) {
            ctx.report(Diagnostic.INVALID_STATE_NAME,
                    "State name cannot be longer than " + MAX_NAME_LENGTH + " characters", location);
        }
        if (!state.isObject()) {
            ctx.schema("Value must be an object", location);
            return;
        }
        if (!FieldRules.required(state, location, ctx, "Type")) {
            return;
        }
        StateType type = StateType.fromAsl(state.get("Type").asText());
        if (type == null || !state.get("Type").isTextual()) {
            ctx.schema("The field 'Type' should have one of these values: " + StateType.aslNames(),
                    Locations.field(location, "Type"));
            return;
        }
        StateScope scope = new StateScope(state, location, language(state, location, ctx), ctx);
        fields(type, scope);
        if (type.needsTransition()) {
            transition(scope);
        }
        dataFlow(type, scope);
        switch (type) {
            case TASK -> TaskValidator.validate(scope);
            case PARALLEL -> ParallelValidator.validate(scope);
            case MAP -> MapValidator.validate(scope);
            case PASS -> { }
            case WAIT -> WaitValidator.validate(scope);
            case CHOICE -> ChoiceValidator.validate(scope);
            case SUCCEED -> { }
            case FAIL -> FailValidator.validate(scope);
        }
        if (type == StateType.TASK || type == StateType.PARALLEL || type == StateType.MAP) {
            ErrorHandlingValidator.validate(scope);
        }
    }

    /**
     * A state's own QueryLanguage wins over the machine's. States nested in a Map or Parallel inherit the
     * machine's language, not the enclosing state's (measured on AWS), hence the top-level default.
     */
    private static QueryLanguage language(JsonNode state, String location, ValidationContext ctx) {
        JsonNode declared = state.get("QueryLanguage");
        if (declared == null) {
            return ctx.topLevelLanguage();
        }
        QueryLanguage language = declared.isTextual() ? QueryLanguage.fromAsl(declared.asText()) : null;
        if (language == null) {
            FieldRules.oneOf(state, "QueryLanguage", location, ctx, "JSONPath", "JSONata");
            return ctx.topLevelLanguage();
        }
        if (language == QueryLanguage.JSONPATH && ctx.topLevelLanguage() == QueryLanguage.JSONATA) {
            ctx.schema("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
                    location);
        }
        return language;
    }

    private static void fields(StateType type, StateScope s) {
        s.node().fieldNames().forEachRemaining(field -> {
            if (!type.accepts(field)) {
                s.ctx().schema("Field '" + field + "' is not supported", s.location());
            } else {
                DialectFields.reportMismatch(field, s.language(), s.location(), s.ctx());
            }
        });
    }

    private static void transition(StateScope s) {
        JsonNode end = s.get("End");
        if (end != null && !end.isBoolean()) {
            s.ctx().schema("The field 'End' must be a boolean", s.at("End"));
        }
        FieldRules.string(s.node(), "Next", s.at("Next"), s.ctx());
        boolean ends = end != null && end.asBoolean(false);
        if (s.has("Next") && ends) {
            s.ctx().schema("There should only be one of the following fields: [Next, End]", s.location());
        } else if (!s.has("Next") && !ends) {
            s.ctx().schema("This object should have only one of the following fields: [Next, End]", s.location());
        }
    }

    /** The input/output processing fields; fields of the other dialect were already reported. */
    private static void dataFlow(StateType type, StateScope s) {
        ValidationContext ctx = s.ctx();
        VariableRules.assign(s.node(), s.location(), s.language(), ctx);
        if (s.jsonPath()) {
            PathRules.path(s.node(), "InputPath", s.location(), ctx);
            PathRules.path(s.node(), "OutputPath", s.location(), ctx);
            PathRules.referencePath(s.node(), "ResultPath", s.location(), PathRules.Roots.INPUT_ONLY, true, ctx);
            for (String template : new String[] {"Parameters", "ResultSelector", "Assign"}) {
                if (s.has(template)) {
                    PathRules.payloadTemplate(s.get(template), s.at(template), ctx);
                }
            }
        } else {
            // $states.result exists only where a Task, Map or Parallel state shapes its own result.
            JsonataRules.StatesFields output = type == StateType.TASK || type == StateType.MAP
                    || type == StateType.PARALLEL
                    ? JsonataRules.StatesFields.WITH_RESULT : JsonataRules.StatesFields.INPUT_AND_CONTEXT;
            JsonataRules.field(s.node(), "Arguments", s.location(), ctx);
            JsonataRules.field(s.node(), "Output", s.location(), output, ctx);
            JsonataRules.field(s.node(), "Assign", s.location(), output, ctx);
        }
    }
}
