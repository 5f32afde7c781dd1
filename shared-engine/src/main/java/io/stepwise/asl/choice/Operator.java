package io.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalInt;
import java.util.function.BiPredicate;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * The data-test operators of JSONPath Choice rules. The {@code …Path} variants are not separate constants:
 * they are the same operator with an {@link ChoiceRule.Operand.Path} operand.
 *
 * <p>A value of the wrong type never matches and never fails: {@code "StringEquals": "1"} is simply false for
 * the number {@code 1}.
 */
public enum Operator {
    STRING_EQUALS("StringEquals", ValueType.STRING, cmp -> cmp == 0),
    STRING_LESS_THAN("StringLessThan", ValueType.STRING, cmp -> cmp < 0),
    STRING_GREATER_THAN("StringGreaterThan", ValueType.STRING, cmp -> cmp > 0),
    STRING_LESS_THAN_EQUALS("StringLessThanEquals", ValueType.STRING, cmp -> cmp <= 0),
    STRING_GREATER_THAN_EQUALS("StringGreaterThanEquals", ValueType.STRING, cmp -> cmp >= 0),
    NUMERIC_EQUALS("NumericEquals", ValueType.NUMBER, cmp -> cmp == 0),
    NUMERIC_LESS_THAN("NumericLessThan", ValueType.NUMBER, cmp -> cmp < 0),
    NUMERIC_GREATER_THAN("NumericGreaterThan", ValueType.NUMBER, cmp -> cmp > 0),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", ValueType.NUMBER, cmp -> cmp <= 0),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", ValueType.NUMBER, cmp -> cmp >= 0),
    BOOLEAN_EQUALS("BooleanEquals", ValueType.BOOLEAN, cmp -> cmp == 0),
    TIMESTAMP_EQUALS("TimestampEquals", ValueType.TIMESTAMP, cmp -> cmp == 0),
    TIMESTAMP_LESS_THAN("TimestampLessThan", ValueType.TIMESTAMP, cmp -> cmp < 0),
    TIMESTAMP_GREATER_THAN("TimestampGreaterThan", ValueType.TIMESTAMP, cmp -> cmp > 0),
    TIMESTAMP_LESS_THAN_EQUALS("TimestampLessThanEquals", ValueType.TIMESTAMP, cmp -> cmp <= 0),
    TIMESTAMP_GREATER_THAN_EQUALS("TimestampGreaterThanEquals", ValueType.TIMESTAMP, cmp -> cmp >= 0),
    STRING_MATCHES("StringMatches", ValueType.STRING, false,
            (actual, pattern) -> actual.isTextual() && Glob.matches(pattern.textValue(), actual.textValue())),
    IS_NULL("IsNull", JsonNode::isNull),
    /** Decided by {@link ChoiceRule.DataTest} before any value is read: the value itself does not matter. */
    IS_PRESENT("IsPresent", value -> true),
    IS_NUMERIC("IsNumeric", JsonNode::isNumber),
    IS_STRING("IsString", JsonNode::isTextual),
    IS_BOOLEAN("IsBoolean", JsonNode::isBoolean),
    IS_TIMESTAMP("IsTimestamp", value -> value.isTextual() && Timestamps.parse(value.textValue()).isPresent());

    private final String fieldName;
    private final ValueType operandType;
    private final boolean hasPathVariant;
    private final BiPredicate<JsonNode, JsonNode> test;

    Operator(String fieldName, ValueType operandType, boolean hasPathVariant, BiPredicate<JsonNode, JsonNode> test) {
        this.fieldName = fieldName;
        this.operandType = operandType;
        this.hasPathVariant = hasPathVariant;
        this.test = test;
    }

    /** A comparison: both sides must have {@code type}, and their order must satisfy {@code relation}. */
    Operator(String fieldName, ValueType type, IntPredicate relation) {
        this(fieldName, type, true, (actual, operand) -> {
            OptionalInt cmp = type.compare(actual, operand);
            return cmp.isPresent() && relation.test(cmp.getAsInt());
        });
    }

    /** A type test: {@code "IsNull": false} asks for the opposite of {@code "IsNull": true}. */
    Operator(String fieldName, Predicate<JsonNode> hasType) {
        this(fieldName, ValueType.BOOLEAN, false,
                (actual, expected) -> hasType.test(actual) == expected.booleanValue());
    }

    /** The ASL key, without the {@code Path} suffix. */
    public String fieldName() {
        return fieldName;
    }

    /** What a literal operand must be (a {@code …Path} operand selects a value of this type to match). */
    public ValueType operandType() {
        return operandType;
    }

    public boolean hasPathVariant() {
        return hasPathVariant;
    }

    /** Applies the operator to the Variable's value and the (literal or path-selected) operand. */
    public boolean test(JsonNode actual, JsonNode operand) {
        return test.test(actual, operand);
    }
}
