package io.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.choice.ChoiceRule.Operand;
import io.stepwise.query.JsonPathExpression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@link ChoiceRule}s from JSONPath Choice rule objects. Every problem is an
 * {@link IllegalArgumentException} whose message names the offending field by its JSON pointer relative to the
 * rule, for the definition validator to report.
 */
public final class ChoiceRuleParser {
    /** Keys of a top-level Choices[] entry that belong to the state's transition, not to the rule. */
    private static final Set<String> TRANSITION_FIELDS = Set.of("Next", "Assign");
    private static final Set<String> BOOLEAN_FIELDS = Set.of("And", "Or", "Not");
    private static final String COMMENT = "Comment";
    private static final String VARIABLE = "Variable";
    private static final Map<String, Operator> OPERATORS_BY_FIELD = operatorsByField();

    private ChoiceRuleParser() {
    }

    /**
     * Parses a top-level Choices[] entry; its {@code Next}, {@code Assign} and {@code Comment} are ignored.
     *
     * @throws IllegalArgumentException when the rule is malformed
     */
    public static ChoiceRule parse(JsonNode ruleObject) {
        return parse(ruleObject, "", true);
    }

    private static ChoiceRule parse(JsonNode rule, String at, boolean topLevel) {
        if (rule == null || !rule.isObject()) {
            throw error(at, "a choice rule must be an object");
        }
        List<String> operators = new ArrayList<>();
        for (String field : (Iterable<String>) rule::fieldNames) {
            if (BOOLEAN_FIELDS.contains(field) || OPERATORS_BY_FIELD.containsKey(field)) {
                operators.add(field);
            } else if (!field.equals(VARIABLE) && !field.equals(COMMENT)
                    && !(topLevel && TRANSITION_FIELDS.contains(field))) {
                throw error(at, "unexpected field '" + field + "' in a choice rule");
            }
        }
        if (operators.isEmpty()) {
            throw error(at, "a choice rule needs a comparison operator or And/Or/Not");
        }
        if (operators.size() > 1) {
            throw error(at, "a choice rule takes exactly one operator, found " + String.join(", ", operators));
        }
        String operator = operators.get(0);
        return BOOLEAN_FIELDS.contains(operator)
                ? parseBoolean(rule, operator, at)
                : parseDataTest(rule, operator, at);
    }

    private static ChoiceRule parseBoolean(JsonNode rule, String operator, String at) {
        if (rule.has(VARIABLE)) {
            throw error(at, "'Variable' cannot be combined with " + operator);
        }
        JsonNode operand = rule.get(operator);
        String operandAt = at + "/" + operator;
        if (operator.equals("Not")) {
            return new ChoiceRule.Not(parse(operand, operandAt, false));
        }
        if (!operand.isArray() || operand.isEmpty()) {
            throw error(operandAt, operator + " needs a non-empty array of choice rules");
        }
        List<ChoiceRule> rules = new ArrayList<>();
        for (int i = 0; i < operand.size(); i++) {
            rules.add(parse(operand.get(i), operandAt + "/" + i, false));
        }
        return operator.equals("And") ? new ChoiceRule.And(rules) : new ChoiceRule.Or(rules);
    }

    private static ChoiceRule parseDataTest(JsonNode rule, String field, String at) {
        JsonNode variable = rule.get(VARIABLE);
        if (variable == null) {
            throw error(at, field + " needs a 'Variable'");
        }
        JsonPathExpression variablePath = referencePath(variable, at + "/" + VARIABLE);
        Operator operator = OPERATORS_BY_FIELD.get(field);
        JsonNode value = rule.get(field);
        String operandAt = at + "/" + field;
        Operand operand = !field.equals(operator.fieldName())
                ? new Operand.Path(referencePath(value, operandAt))
                : new Operand.Literal(literal(operator, value, operandAt));
        return new ChoiceRule.DataTest(variablePath, operator, operand);
    }

    private static JsonNode literal(Operator operator, JsonNode value, String at) {
        if (!operator.operandType().accepts(value)) {
            throw error(at, operator.fieldName() + " needs " + describe(operator.operandType()) + ", got "
                    + value.getNodeType().name().toLowerCase() + " " + value);
        }
        return value;
    }

    private static String describe(ValueType type) {
        return switch (type) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case TIMESTAMP -> "an RFC 3339 timestamp string such as 2016-08-18T17:33:00Z";
        };
    }

    /** Variable and …Path operands are Reference Paths: they must select exactly one value. */
    private static JsonPathExpression referencePath(JsonNode value, String at) {
        if (!value.isTextual()) {
            throw error(at, "a reference path must be a string, got " + value);
        }
        JsonPathExpression path;
        try {
            path = JsonPathExpression.compile(value.textValue());
        } catch (IllegalArgumentException e) {
            throw error(at, "invalid path '" + value.textValue() + "': " + e.getMessage());
        }
        if (!path.isDefinite()) {
            throw error(at, "'" + value.textValue() + "' is not a reference path: it can select several values");
        }
        return path;
    }

    private static IllegalArgumentException error(String at, String message) {
        return new IllegalArgumentException((at.isEmpty() ? "" : "at " + at + ": ") + message);
    }

    private static Map<String, Operator> operatorsByField() {
        Map<String, Operator> byField = new HashMap<>();
        Arrays.stream(Operator.values()).forEach(op -> {
            byField.put(op.fieldName(), op);
            if (op.hasPathVariant()) {
                byField.put(op.fieldName() + "Path", op);
            }
        });
        return Map.copyOf(byField);
    }
}
