package io.stepwise.query.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.EvalContext;
import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.StatesException;
import io.stepwise.query.intrinsic.Argument.FunctionCall;
import io.stepwise.query.intrinsic.Argument.PathArgument;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** An intrinsic function call such as {@code States.Format('{}', $.a)}, parsed once at definition load. */
public final class IntrinsicExpression {
    private static final String PREFIX = "States.";

    private final String text;
    private final FunctionCall call;
    private final Set<String> variableReferences;

    private IntrinsicExpression(String text, FunctionCall call) {
        this.text = text;
        this.call = call;
        Set<String> variables = new LinkedHashSet<>();
        collectVariables(call, variables);
        this.variableReferences = Collections.unmodifiableSet(variables);
    }

    /** True when {@code text} is meant as an intrinsic call rather than a path, which is how ASL tells them apart. */
    public static boolean isIntrinsic(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException when the text is not a well-formed call of a known function with an
     *     argument count it accepts, or nests calls more than 10 deep
     */
    public static IntrinsicExpression parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            return new IntrinsicExpression(text, Parser.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid intrinsic function '" + text + "': " + e.getMessage(), e);
        }
    }

    /**
     * Evaluates the call.
     *
     * @throws StatesException {@code States.IntrinsicFailure} when a function rejects its arguments,
     *     {@code States.Runtime} when a path argument selects nothing
     */
    public JsonNode evaluate(EvalContext ctx) {
        try {
            return call.evaluate(ctx);
        } catch (IntrinsicError e) {
            throw StatesException.intrinsic(failurePrefix() + e.getMessage());
        } catch (JsonPathExpression.PathNotFound e) {
            throw StatesException.runtime(failurePrefix() + "The JsonPath argument for the field '"
                    + e.path().text() + "' could not be found in the input '" + ctx.describe(e.path()) + "'");
        }
    }

    private String failurePrefix() {
        return "The function '" + text + "' had the following error: ";
    }

    public String text() {
        return text;
    }

    /** The outermost call. */
    public FunctionCall call() {
        return call;
    }

    /** Names of the variables ({@code $name...}) the arguments read, in order of first appearance. */
    public Set<String> variableReferences() {
        return variableReferences;
    }

    private static void collectVariables(FunctionCall call, Set<String> into) {
        for (Argument argument : call.arguments()) {
            if (argument instanceof FunctionCall nested) {
                collectVariables(nested, into);
            } else if (argument instanceof PathArgument path && path.path().variable() != null) {
                into.add(path.path().variable());
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
