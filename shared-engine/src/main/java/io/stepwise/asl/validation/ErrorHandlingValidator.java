package io.stepwise.asl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Set;

/** Retry and Catch arrays of Task, Parallel and Map. */
final class ErrorHandlingValidator {
    private static final String ALL = "States.ALL";
    private static final long MAX_INTERVAL = 99_999_999L;
    /** MaxDelaySeconds must stay below one year and a day (31,622,401 s). */
    private static final long MAX_DELAY = 31_622_400L;
    private static final Set<String> RETRIER_FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts",
            "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
    private static final Set<String> CATCHER_FIELDS = Set.of("ErrorEquals", "Next", "ResultPath", "Output",
            "Assign", "Comment");

    private ErrorHandlingValidator() {
    }

    static void validate(StateScope s) {
        handlers(s, "Retry");
        handlers(s, "Catch");
    }

    private static void handlers(StateScope s, String field) {
        JsonNode handlers = s.get(field);
        if (handlers == null) {
            return;
        }
        if (!handlers.isArray()) {
            s.ctx().schema("The field '" + field + "' must be an array", s.at(field));
            return;
        }
        for (int i = 0; i < handlers.size(); i++) {
            String at = Locations.item(s.at(field), i);
            JsonNode handler = handlers.get(i);
            if (!handler.isObject()) {
                s.ctx().schema("Value must be an object", at);
                continue;
            }
            errorEquals(handler, at, i == handlers.size() - 1, field, s.ctx());
            if (field.equals("Retry")) {
                retrier(handler, at, s.ctx());
            } else {
                catcher(handler, at, s);
            }
        }
    }

    /** States.ALL is a wildcard: it must stand alone and in the last handler, or later ones are dead. */
    private static void errorEquals(JsonNode handler, String at, boolean last, String field, ValidationContext ctx) {
        JsonNode errors = handler.get("ErrorEquals");
        if (errors == null) {
            return;
        }
        String errorsAt = Locations.field(at, "ErrorEquals");
        if (!errors.isArray() || errors.isEmpty()) {
            ctx.schema("Value cannot be empty", errorsAt);
            return;
        }
        boolean hasAll = false;
        for (JsonNode error : errors) {
            if (!error.isTextual()) {
                ctx.schema("The field 'ErrorEquals' must contain strings", errorsAt);
                return;
            }
            hasAll |= error.asText().equals(ALL);
        }
        if (hasAll && errors.size() > 1) {
            ctx.schema("'States.ALL' must appear alone in 'ErrorEquals'", errorsAt);
        }
        if (hasAll && !last) {
            ctx.schema("'States.ALL' must appear in the last element of '" + field + "'", errorsAt);
        }
    }

    private static void retrier(JsonNode retrier, String at, ValidationContext ctx) {
        FieldRules.supported(retrier, at, RETRIER_FIELDS, ctx);
        FieldRules.required(retrier, at, ctx, "ErrorEquals");
        FieldRules.integer(retrier, "IntervalSeconds", at, 1, MAX_INTERVAL, QueryLanguage.JSONPATH, ctx);
        FieldRules.integer(retrier, "MaxAttempts", at, 0, MAX_INTERVAL, QueryLanguage.JSONPATH, ctx);
        FieldRules.number(retrier, "BackoffRate", at, BigDecimal.valueOf(1.0), null, QueryLanguage.JSONPATH, ctx);
        FieldRules.integer(retrier, "MaxDelaySeconds", at, 1, MAX_DELAY, QueryLanguage.JSONPATH, ctx);
        FieldRules.oneOf(retrier, "JitterStrategy", at, ctx, "FULL", "NONE");
    }

    private static void catcher(JsonNode catcher, String at, StateScope s) {
        ValidationContext ctx = s.ctx();
        catcher.fieldNames().forEachRemaining(field -> {
            if (!DialectFields.reportMismatch(field, s.language(), at, ctx) && !CATCHER_FIELDS.contains(field)) {
                ctx.schema("Field '" + field + "' is not supported", at);
            }
        });
        FieldRules.required(catcher, at, ctx, "ErrorEquals", "Next");
        FieldRules.string(catcher, "Next", Locations.field(at, "Next"), ctx);
        VariableRules.assign(catcher, at, s.language(), ctx);
        if (s.jsonPath()) {
            PathRules.referencePath(catcher, "ResultPath", at, PathRules.Roots.INPUT_ONLY, true, ctx);
            if (catcher.has("Assign")) {
                PathRules.payloadTemplate(catcher.get("Assign"), Locations.field(at, "Assign"), ctx);
            }
        } else {
            JsonataRules.field(catcher, "Output", at, JsonataRules.StatesFields.WITH_ERROR_OUTPUT, ctx);
            JsonataRules.field(catcher, "Assign", at, JsonataRules.StatesFields.WITH_ERROR_OUTPUT, ctx);
        }
    }
}
