package io.stepwise.asl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Schema-level checks on the fields of one JSON object, worded as AWS words them. */
final class FieldRules {
    private FieldRules() {
    }

    /** @return true when all of {@code names} are present */
    static boolean required(JsonNode object, String location, ValidationContext ctx, String... names) {
        List<String> missing = Arrays.stream(names).filter(n -> !object.has(n)).toList();
        if (!missing.isEmpty()) {
            ctx.schema("These fields are required: " + list(missing), Locations.shown(location));
        }
        return missing.isEmpty();
    }

    static void supported(JsonNode object, String location, Set<String> allowed, ValidationContext ctx) {
        object.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                ctx.schema("Field '" + name + "' is not supported", Locations.shown(location));
            }
        });
    }

    /** At most one of {@code names} may be present. */
    static void exclusive(JsonNode object, String location, ValidationContext ctx, String... names) {
        List<String> present = Arrays.stream(names).filter(object::has).toList();
        if (present.size() > 1) {
            ctx.schema("There should only be one of the following fields: " + list(present), location);
        }
    }

    static void string(JsonNode object, String field, String location, ValidationContext ctx) {
        JsonNode value = object.get(field);
        if (value != null && !value.isTextual()) {
            ctx.schema("The field '" + field + "' must be a string", location);
        }
    }

    static void oneOf(JsonNode object, String field, String location, ValidationContext ctx, String... values) {
        JsonNode value = object.get(field);
        if (value != null && (!value.isTextual() || !Arrays.asList(values).contains(value.asText()))) {
            ctx.schema("The field '" + field + "' should have one of these values: " + list(Arrays.asList(values)),
                    Locations.field(location, field));
        }
    }

    /**
     * A whole number within [min, max]; a JSONata expression is accepted when {@code language} allows it.
     */
    static void integer(JsonNode object, String field, String location, long min, long max,
                        QueryLanguage language, ValidationContext ctx) {
        JsonNode value = object.get(field);
        if (value == null || JsonataRules.isExpression(value, language)) {
            return;
        }
        String at = Locations.field(location, field);
        if (!value.isNumber()) {
            // AWS: "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Expected value of type Integer at
            // /States/WaitTill/Seconds" for a quoted Seconds (github.com/serverless-operations/serverless-step-functions
            // issue 188); a public cdk-preflight rule measured the same text for the other integer fields.
            ctx.schema("Expected value of type Integer", at);
            return;
        }
        if (!value.isIntegralNumber() && !isWhole(value.decimalValue())) {
            ctx.schema("The field '" + field + "' must be an integer", at);
            return;
        }
        range(value.decimalValue(), BigDecimal.valueOf(min), BigDecimal.valueOf(max), at, ctx);
    }

    static void number(JsonNode object, String field, String location, BigDecimal min, BigDecimal max,
                       QueryLanguage language, ValidationContext ctx) {
        JsonNode value = object.get(field);
        if (value == null || JsonataRules.isExpression(value, language)) {
            return;
        }
        String at = Locations.field(location, field);
        if (!value.isNumber()) {
            ctx.schema("The field '" + field + "' must be a number", at);
            return;
        }
        range(value.decimalValue(), min, max, at, ctx);
    }

    private static void range(BigDecimal value, BigDecimal min, BigDecimal max, String at, ValidationContext ctx) {
        if (min != null && value.compareTo(min) < 0) {
            ctx.schema("Minimum value is " + min.toPlainString(), at);
        } else if (max != null && value.compareTo(max) > 0) {
            ctx.schema("Maximum value is " + max.toPlainString(), at);
        }
    }

    private static boolean isWhole(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 0;
    }

    static String list(List<String> names) {
        return "[" + String.join(", ", names) + "]";
    }
}
