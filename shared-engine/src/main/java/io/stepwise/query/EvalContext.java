package io.stepwise.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.random.RandomGenerator;

/**
 * What a JSONPath, intrinsic or JSONata expression can see: the current value ({@code $}), the context
 * object ({@code $$}), the visible variables ({@code $name}), and the source of randomness
 * ({@code States.MathRandom}, {@code States.UUID}, {@code $random}, {@code $uuid}). The interpreter is pure,
 * so randomness comes from a generator it seeds from the execution state rather than from the system.
 */
public record EvalContext(JsonNode input, JsonNode context, Variables variables, RandomGenerator random) {
    public EvalContext {
        variables = variables == null ? Variables.NONE : variables;
        random = random == null ? new java.util.SplittableRandom(0) : random;
    }

    public EvalContext(JsonNode input, JsonNode context, Variables variables) {
        this(input, context, variables, null);
    }

    public EvalContext withInput(JsonNode newInput) {
        return new EvalContext(newInput, context, variables, random);
    }
}
