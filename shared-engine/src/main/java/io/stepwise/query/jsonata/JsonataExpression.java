package io.stepwise.query.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import io.stepwise.query.StatesException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * A JSONata expression of a state machine, parsed once and evaluated any number of times, from any thread.
 * Evaluation follows Step Functions: no context value ({@code $} is undefined), {@code $states} and workflow
 * variables bound, AWS's extra functions available, and every failure a {@code States.QueryEvaluationError}
 * whose cause is worded as AWS words it.
 */
public final class JsonataExpression {
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Z]\\d{4}");
    private static final LongAdder COMPILATIONS = new LongAdder();

    private final String text;
    private final Jsonata compiled;
    private final ReferenceCollector facts;

    private JsonataExpression(String text, Jsonata compiled, ReferenceCollector facts) {
        this.text = text;
        this.compiled = compiled;
        this.facts = facts;
    }

    /**
     * Parses the text between {@code {%} and {@code %}}; surrounding whitespace is not part of the
     * expression, as in AWS's error causes.
     *
     * @throws InvalidJsonataException when the text is not a JSONata expression
     */
    public static JsonataExpression compile(String expressionBody) {
        COMPILATIONS.increment();
        String text = expressionBody.strip();
        try {
            return compileHere(text);
        } catch (StackOverflowError e) {
            // How deep the library's parser can go depends on the caller's stack; retrying on a thread with a
            // known stack makes acceptance the same on every thread (see DeepExpressions).
            return DeepExpressions.compile(text, () -> compileHere(text));
        }
    }

    private static JsonataExpression compileHere(String text) {
        Jsonata compiled = parse(text);
        ReferenceCollector facts = ReferenceCollector.collect(compiled);
        if (facts.depth > DeepExpressions.MAX_NESTING) {
            throw DeepExpressions.tooDeep(text);
        }
        return new JsonataExpression(text, compiled, facts);
    }

    static Jsonata parse(String text) {
        try {
            Jsonata compiled = Jsonata.jsonata(text);
            // Keeps a null result apart from "nothing": AWS fails on the latter only.
            compiled.setOutputConvertNulls(false);
            return compiled;
        } catch (JException e) {
            throw new InvalidJsonataException(text, codeOf(e), e.getMessage());
        } catch (RuntimeException e) {
            throw new InvalidJsonataException(text, null, String.valueOf(e.getMessage()));
        }
    }

    /**
     * How many expressions this JVM has compiled: for tests and benchmarks that hold compilation to once per
     * definition, out of the per-step path.
     */
    public static long compilations() {
        return COMPILATIONS.sum();
    }

    /** The expression as written, trimmed. */
    public String text() {
        return text;
    }

    public JsonataReferences references() {
        return new JsonataReferences(facts.statesFields, facts.workflowVariables());
    }

    ReferenceCollector facts() {
        return facts;
    }

    /**
     * Evaluates the expression.
     *
     * @param fieldPath where the expression sits in its state, as AWS names it in causes ({@code Output},
     *     {@code Arguments/a/b}, {@code Items})
     * @throws StatesException {@code States.QueryEvaluationError} when the expression fails, returns nothing,
     *     or returns a value JSON cannot hold
     */
    public JsonNode evaluate(JsonataBindings bindings, String fieldPath) {
        return evaluate(bindings, fieldPath, JsonataLimits.DEFAULT);
    }

    /** As {@link #evaluate(JsonataBindings, String)}, failing once the evaluation goes past {@code limits}. */
    public JsonNode evaluate(JsonataBindings bindings, String fieldPath, JsonataLimits limits) {
        EvaluationBudget budget = new EvaluationBudget(limits);
        Object result;
        try (EvaluationBudget.Scope scope = budget.activate()) {
            result = compiled.evaluate(null, frameFor(bindings, budget));
            if (result != null) {
                budget.requireWritable(result, "The result");
            }
        } catch (JsonataFunctionError e) {
            throw threw(fieldPath, e.code() + ": " + e.getMessage());
        } catch (JException e) {
            throw threw(fieldPath, describe(e));
        } catch (StackOverflowError e) {
            throw threw(fieldPath, "U1001: Stack overflow error: Check for non-terminating recursive function.");
        } catch (RuntimeException e) {
            throw threw(fieldPath, String.valueOf(e.getMessage()));
        }
        if (result == null) {
            throw failure(fieldPath, "returned nothing (undefined).");
        }
        Optional<JsonNode> json = JsonataValues.toJson(result);
        return json.orElseThrow(() -> failure(fieldPath, "returned an unsupported result type."));
    }

    /**
     * The error for a result of the wrong JSON type, for fields that expect one ({@code Items} must be an
     * array, {@code TimeoutSeconds} a number, ...).
     *
     * @param expectedType {@code array}, {@code object}, {@code string}, {@code number}, {@code boolean}
     */
    public StatesException unexpectedResultType(String fieldPath, String expectedType, JsonNode value) {
        return failure(fieldPath, "returned an unexpected result type. Expected '" + expectedType
                + "', but was '" + typeName(value) + "' for value: " + Json.write(value));
    }

    private Jsonata.Frame frameFor(JsonataBindings bindings, EvaluationBudget budget) {
        Jsonata.Frame frame = compiled.createFrame();
        budget.install(frame, facts.calledNodes);
        GuardedFunctions.bindInto(frame);
        StepFunctionsFunctions.bindInto(frame, bindings.random());
        Map<String, Object> states = new LinkedHashMap<>();
        states.put("input", JsonataValues.toJsonata(bindings.input()));
        if (bindings.result() != null) {
            states.put("result", JsonataValues.toJsonata(bindings.result()));
        }
        if (bindings.errorOutput() != null) {
            states.put("errorOutput", JsonataValues.toJsonata(bindings.errorOutput()));
        }
        states.put("context", JsonataValues.toJsonata(bindings.context()));
        frame.bind("states", states);
        // Only the variables the expression names: the Variables port can look names up but not list them.
        for (String name : facts.workflowVariables()) {
            JsonNode value = bindings.variables().lookup(name);
            if (value != null) {
                frame.bind(name, JsonataValues.toJsonata(value));
            }
        }
        return frame;
    }

    private static String describe(JException e) {
        String code = codeOf(e);
        if (code == null) {
            // The library's runtime bounds report their message as the "code"; jsonata-js calls them U1001.
            return "U1001: " + e.getError();
        }
        return code + ": " + e.getMessage();
    }

    private static String codeOf(JException e) {
        String error = e.getError();
        return error != null && ERROR_CODE.matcher(error).matches() ? error : null;
    }

    private StatesException threw(String fieldPath, String detail) {
        return failure(fieldPath, "threw an error during evaluation. " + detail);
    }

    private StatesException failure(String fieldPath, String what) {
        return StatesException.queryEvaluation(
                "The JSONata expression '" + text + "' specified for the field '" + fieldPath + "' " + what, fieldPath);
    }

    private static String typeName(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT -> "object";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            default -> "null";
        };
    }

    @Override
    public String toString() {
        return "{% " + text + " %}";
    }
}
