package io.stepwise.asl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Choice: a non-empty list of rules, each with a Next and a single condition. */
final class ChoiceValidator {
    private static final List<String> VALUE_OPERATORS = List.of("StringEquals", "StringLessThan",
            "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals", "NumericEquals",
            "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals",
            "BooleanEquals", "TimestampEquals", "TimestampLessThan", "TimestampGreaterThan",
            "TimestampLessThanEquals", "TimestampGreaterThanEquals");
    private static final List<String> TYPE_TESTS = List.of("IsNull", "IsPresent", "IsNumeric", "IsString",
            "IsBoolean", "IsTimestamp");
    private static final Set<String> OPERATORS = Stream.of(
                    VALUE_OPERATORS.stream(), VALUE_OPERATORS.stream().map(op -> op + "Path"),
                    TYPE_TESTS.stream(), Stream.of("StringMatches"))
            .flatMap(s -> s).collect(Collectors.toUnmodifiableSet());
    private static final List<String> COMBINATORS = List.of("And", "Or", "Not", "Variable");
    private static final Set<String> JSONPATH_RULE_FIELDS = Set.of("Variable", "And", "Or", "Not", "Comment");
    private static final Set<String> JSONATA_RULE_FIELDS = Set.of("Condition", "Comment");
    /** Only a top-level rule transitions, and only it may assign or shape output. */
    private static final Set<String> TOP_LEVEL_RULE_FIELDS = Set.of("Next", "Assign", "Output");

    private ChoiceValidator() {
    }

    static void validate(StateScope s) {
        FieldRules.string(s.node(), "Default", s.at("Default"), s.ctx());
        if (!FieldRules.required(s.node(), s.location(), s.ctx(), "Choices")) {
            return;
        }
        JsonNode choices = s.get("Choices");
        if (!choices.isArray()) {
            s.ctx().schema("The field 'Choices' must be an array", s.at("Choices"));
            return;
        }
        if (choices.isEmpty()) {
            s.ctx().schema("Value cannot be empty", s.at("Choices"));
        }
        for (int i = 0; i < choices.size(); i++) {
            String at = Locations.item(s.at("Choices"), i);
            JsonNode rule = choices.get(i);
            if (rule.isObject() && FieldRules.required(rule, at, s.ctx(), "Next")) {
                FieldRules.string(rule, "Next", Locations.field(at, "Next"), s.ctx());
            }
            rule(rule, at, true, s);
        }
    }

    private static void rule(JsonNode rule, String at, boolean topLevel, StateScope s) {
        ValidationContext ctx = s.ctx();
        if (!rule.isObject()) {
            ctx.schema("Value must be an object", at);
            return;
        }
        rule.fieldNames().forEachRemaining(field -> {
            boolean accepted = (s.jsonPath() ? JSONPATH_RULE_FIELDS : JSONATA_RULE_FIELDS).contains(field)
                    || (s.jsonPath() && OPERATORS.contains(field))
                    || (topLevel && TOP_LEVEL_RULE_FIELDS.contains(field));
            if (!DialectFields.reportMismatch(field, s.language(), at, ctx) && !accepted) {
                ctx.schema("Field '" + field + "' is not supported", at);
            }
        });
        if (topLevel) {
            VariableRules.assign(rule, at, s.language(), ctx);
        }
        if (!s.jsonPath()) {
            if (FieldRules.required(rule, at, ctx, "Condition")) {
                JsonataRules.field(rule, "Condition", at, ctx);
            }
            JsonataRules.field(rule, "Output", at, ctx);
            JsonataRules.field(rule, "Assign", at, ctx);
            return;
        }
        if (rule.has("Assign")) {
            PathRules.payloadTemplate(rule.get("Assign"), Locations.field(at, "Assign"), ctx);
        }
        long combinators = COMBINATORS.stream().filter(rule::has).count();
        if (combinators != 1) {
            ctx.schema("The object must have only one of the following fields, [And, Or, Not, Variable, Condition]", at);
            return;
        }
        if (rule.has("Variable")) {
            comparison(rule, at, ctx);
        } else if (rule.has("Not")) {
            rule(rule.get("Not"), Locations.field(at, "Not"), false, s);
        } else {
            String combinator = rule.has("And") ? "And" : "Or";
            JsonNode operands = rule.get(combinator);
            String operandsAt = Locations.field(at, combinator);
            if (!operands.isArray() || operands.isEmpty()) {
                ctx.schema("Value cannot be empty", operandsAt);
                return;
            }
            for (int i = 0; i < operands.size(); i++) {
                rule(operands.get(i), Locations.item(operandsAt, i), false, s);
            }
        }
    }

    private static void comparison(JsonNode rule, String at, ValidationContext ctx) {
        JsonNode variable = rule.get("Variable");
        if (!variable.isTextual() || !PathRules.compiles(variable.asText())) {
            ctx.schema("The value for the field 'Variable' must be a valid JSONPath", at);
        }
        List<String> operators = OPERATORS.stream().filter(rule::has).sorted().toList();
        if (operators.size() != 1) {
            ctx.schema("A Choice Rule with a 'Variable' must have exactly one comparison operator", at);
            return;
        }
        String operator = operators.get(0);
        JsonNode operand = rule.get(operator);
        String operandAt = Locations.field(at, operator);
        if (operator.endsWith("Path")) {
            if (!operand.isTextual() || !PathRules.compiles(operand.asText())) {
                ctx.schema("The value for the field '" + operator + "' must be a valid JSONPath", at);
            }
        } else if (operator.startsWith("Is") || operator.equals("BooleanEquals")) {
            if (!operand.isBoolean()) {
                ctx.schema("The field '" + operator + "' must be a boolean", operandAt);
            }
        } else if (operator.startsWith("Numeric")) {
            if (!operand.isNumber()) {
                ctx.schema("The field '" + operator + "' must be a number", operandAt);
            }
        } else if (!operand.isTextual()) {
            ctx.schema("The field '" + operator + "' must be a string", operandAt);
        }
    }
}
