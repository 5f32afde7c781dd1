package io.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.EvalContext;
import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.StatesException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One JSONPath Choice rule: a boolean combination ({@link And}, {@link Or}, {@link Not}) or a data test
 * ({@link DataTest}) of the value a {@code Variable} path selects. Built by {@link ChoiceRuleParser}.
 */
public sealed interface ChoiceRule permits ChoiceRule.And, ChoiceRule.Or, ChoiceRule.Not, ChoiceRule.DataTest {

    /**
     * Evaluates the rule.
     *
     * @throws StatesException {@code States.Runtime} when a path the rule needs selects nothing (except for
     *     {@code IsPresent}, whose whole point is to ask that)
     */
    boolean matches(EvalContext ctx);

    /** True when every rule matches; stops at the first that does not, as AWS does. */
    record And(List<ChoiceRule> rules) implements ChoiceRule {
        public And {
            rules = List.copyOf(rules);
        }

        @Override
        public boolean matches(EvalContext ctx) {
            return rules.stream().allMatch(rule -> rule.matches(ctx));
        }
    }

    /** True when some rule matches; stops at the first that does. */
    record Or(List<ChoiceRule> rules) implements ChoiceRule {
        public Or {
            rules = List.copyOf(rules);
        }

        @Override
        public boolean matches(EvalContext ctx) {
            return rules.stream().anyMatch(rule -> rule.matches(ctx));
        }
    }

    record Not(ChoiceRule rule) implements ChoiceRule {
        public Not {
            Objects.requireNonNull(rule);
        }

        @Override
        public boolean matches(EvalContext ctx) {
            return !rule.matches(ctx);
        }
    }

    /**
     * {@code "Variable": ..., "<operator>[Path]": operand}. The operand is a {@link Operand.Path} exactly for
     * the {@code …Path} forms of the comparison operators.
     */
    record DataTest(JsonPathExpression variable, Operator operator, Operand operand) implements ChoiceRule {
        public DataTest {
            Objects.requireNonNull(variable);
            Objects.requireNonNull(operator);
            Objects.requireNonNull(operand);
            if (operand instanceof Operand.Path && !operator.hasPathVariant()) {
                throw new IllegalArgumentException(operator.fieldName() + " has no Path variant");
            }
        }

        /** The rule's key in ASL: {@code NumericEquals}, {@code NumericEqualsPath}, ... */
        public String fieldName() {
            return operator.fieldName() + (operand instanceof Operand.Path ? "Path" : "");
        }

        @Override
        public boolean matches(EvalContext ctx) {
            Optional<JsonNode> value = lookup(variable, ctx);
            if (operator == Operator.IS_PRESENT) {
                return value.isPresent() == operand.resolve(ctx).booleanValue();
            }
            JsonNode actual = value.orElseThrow(() -> invalidPath(variable));
            return operator.test(actual, operand.resolve(ctx));
        }
    }

    /** The right-hand side of a data test: a literal from the definition, or a path read at run time. */
    sealed interface Operand permits Operand.Literal, Operand.Path {
        JsonNode resolve(EvalContext ctx);

        record Literal(JsonNode value) implements Operand {
            public Literal {
                Objects.requireNonNull(value);
            }

            @Override
            public JsonNode resolve(EvalContext ctx) {
                return value;
            }
        }

        record Path(JsonPathExpression path) implements Operand {
            public Path {
                Objects.requireNonNull(path);
            }

            @Override
            public JsonNode resolve(EvalContext ctx) {
                return lookup(path, ctx).orElseThrow(() -> invalidPath(path));
            }
        }
    }

    private static Optional<JsonNode> lookup(JsonPathExpression path, EvalContext ctx) {
        try {
            return Optional.of(path.read(ctx));
        } catch (JsonPathExpression.PathNotFound e) {
            return Optional.empty();
        }
    }

    private static StatesException invalidPath(JsonPathExpression path) {
        return StatesException.runtime("Invalid path '" + path.text()
                + "': The choice state's condition path references an invalid value.");
    }
}
