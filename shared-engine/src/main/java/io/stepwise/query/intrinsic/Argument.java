package io.stepwise.query.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stepwise.query.EvalContext;
import io.stepwise.query.JsonPathExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An argument of an intrinsic call, as parsed. */
public sealed interface Argument {
    JsonNode evaluate(EvalContext ctx);

    /** A single-quoted string; {@code raw} keeps the escapes as written, for States.Format. */
    record StringLiteral(String value, String raw) implements Argument {
        public StringLiteral {
            Objects.requireNonNull(value);
            Objects.requireNonNull(raw);
        }

        @Override
        public JsonNode evaluate(EvalContext ctx) {
            return TextNode.valueOf(value);
        }
    }

    /** A number, {@code true}, {@code false} or {@code null}. */
    record Literal(JsonNode value) implements Argument {
        public Literal {
            Objects.requireNonNull(value);
        }

        @Override
        public JsonNode evaluate(EvalContext ctx) {
            return value;
        }
    }

    /** A path on the input, the context object ({@code $$}) or a variable ({@code $name}). */
    record PathArgument(JsonPathExpression path) implements Argument {
        public PathArgument {
            Objects.requireNonNull(path);
        }

        @Override
        public JsonNode evaluate(EvalContext ctx) {
            return path.read(ctx);
        }
    }

    /** A nested call, or the outermost one. */
    record FunctionCall(IntrinsicFunction function, List<Argument> arguments) implements Argument {
        public FunctionCall {
            Objects.requireNonNull(function);
            arguments = List.copyOf(arguments);
        }

        @Override
        public JsonNode evaluate(EvalContext ctx) {
            List<JsonNode> values = new ArrayList<>(arguments.size());
            for (int i = 0; i < arguments.size(); i++) {
                Argument argument = arguments.get(i);
                if (i == 0 && function == IntrinsicFunction.FORMAT && argument instanceof StringLiteral literal) {
                    values.add(TextNode.valueOf(literal.raw()));
                } else {
                    values.add(argument.evaluate(ctx));
                }
            }
            return function.apply(values, ctx);
        }
    }
}
