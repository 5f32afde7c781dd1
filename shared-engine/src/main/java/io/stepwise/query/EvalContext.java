package io.stepwise.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What a JSONPath, intrinsic or JSONata expression can see: the current value ({@code $}), the context
 * object ({@code $$}), the visible variables ({@code $name}), and the source of randomness
 * ({@code States.MathRandom}, {@code States.UUID}, {@code $random}, {@code $uuid}). The interpreter is pure,
 * so randomness comes from a generator it seeds from the execution state rather than from the system.
 *
 * <p>The context object and the generator are built on first use: most states never read {@code $$} or
 * draw a random number, and building them for every evaluation would dominate the cost of a simple state.
 */
public final class EvalContext {
    private final JsonNode input;
    private final Supplier<JsonNode> contextSupplier;
    private final Variables variables;
    private final Supplier<RandomGenerator> randomSupplier;
    private final Function<JsonNode, String> writer;
    private JsonNode context;
    private RandomGenerator random;

    public EvalContext(JsonNode input, Supplier<JsonNode> context, Variables variables,
            Supplier<RandomGenerator> random) {
        this(input, context, variables, random, Json::write);
    }

    /**
     * @param writer how a cause text shows a value (see {@link #describe}); the interpreter shows the execution
     *     input as the text it was given
     */
    public EvalContext(JsonNode input, Supplier<JsonNode> context, Variables variables,
            Supplier<RandomGenerator> random, Function<JsonNode, String> writer) {
        this.input = input;
        this.contextSupplier = context;
        this.variables = variables == null ? Variables.NONE : variables;
        this.randomSupplier = random == null ? () -> new SplittableRandom(0) : random;
        this.writer = writer == null ? Json::write : writer;
    }

    public EvalContext(JsonNode input, JsonNode context, Variables variables, RandomGenerator random) {
        this(input, () -> context, variables, random == null ? null : () -> random);
    }

    public EvalContext(JsonNode input, JsonNode context, Variables variables) {
        this(input, context, variables, null);
    }

    public JsonNode input() {
        return input;
    }

    public JsonNode context() {
        if (context == null) {
            context = contextSupplier.get();
        }
        return context;
    }

    public Variables variables() {
        return variables;
    }

    public RandomGenerator random() {
        if (random == null) {
            random = randomSupplier.get();
        }
        return random;
    }

    /** The same context, variables and randomness, looking at another current value. */
    public EvalContext withInput(JsonNode newInput) {
        EvalContext copy = new EvalContext(newInput, this::context, variables, this::random, writer);
        return copy;
    }

    /**
     * The document {@code path} was read against, as a cause text shows it: the context object for a
     * {@code $$} path, else the current value. AWS shows a value unchanged since the execution started as the
     * text the execution was started with (a real execution quoted "could not be found in the input
     * '{\n    \"Comment\": \"Insert your JSON here\"\n}'"), and the context object for {@code $$} paths ("The
     * JSONPath '$$.Map.Item.Value.checkId' ... could not be found in the input '{"Execution":{"Id":...').
     */
    public String describe(JsonPathExpression path) {
        return writer.apply(path.root() == JsonPathExpression.Root.CONTEXT ? context() : input);
    }
}
