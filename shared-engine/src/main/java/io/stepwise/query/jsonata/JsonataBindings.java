package io.stepwise.query.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Variables;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What a JSONata expression of a state sees: the members of {@code $states}, the workflow variables
 * ({@code $name}) and the generator behind {@code $random()} and {@code $uuid()}.
 *
 * @param result the task, Map or Parallel result, or {@code null} where {@code $states.result} does not exist
 * @param errorOutput the caught error, or {@code null} outside a {@code Catch}
 */
public record JsonataBindings(
        JsonNode input,
        JsonNode result,
        JsonNode errorOutput,
        JsonNode context,
        Variables variables,
        RandomGenerator random) {

    public JsonataBindings {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(context, "context");
        variables = variables == null ? Variables.NONE : variables;
        Objects.requireNonNull(random, "random");
    }

    /** {@code $states.input} and {@code $states.context}, variables and randomness from {@code ctx}. */
    public static JsonataBindings of(EvalContext ctx) {
        return new JsonataBindings(ctx.input(), null, null, ctx.context(), ctx.variables(), ctx.random());
    }

    public JsonataBindings withResult(JsonNode newResult) {
        return new JsonataBindings(input, newResult, errorOutput, context, variables, random);
    }

    public JsonataBindings withErrorOutput(JsonNode newErrorOutput) {
        return new JsonataBindings(input, result, newErrorOutput, context, variables, random);
    }
}
