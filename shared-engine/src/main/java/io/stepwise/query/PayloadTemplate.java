package io.stepwise.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.intrinsic.IntrinsicExpression;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * A JSONPath-mode payload template ({@code Parameters}, {@code ResultSelector}, {@code ItemSelector},
 * {@code Assign}), compiled once. A key ending in {@code .$} takes a path or intrinsic call whose result
 * becomes the value of the key without the suffix; everything else is copied as written.
 */
public final class PayloadTemplate {
    private static final String DYNAMIC_SUFFIX = ".$";
    private static final LongAdder COMPILATIONS = new LongAdder();

    private final Node root;
    private final Set<String> variableReferences;

    private PayloadTemplate(Node root, Set<String> variableReferences) {
        this.root = root;
        this.variableReferences = Collections.unmodifiableSet(variableReferences);
    }

    /**
     * Compiles {@code template}.
     *
     * @throws IllegalArgumentException when a {@code .$} key holds anything but a path or a well-formed
     *     intrinsic call
     */
    public static PayloadTemplate compile(JsonNode template) {
        COMPILATIONS.increment();
        Set<String> variables = new LinkedHashSet<>();
        return new PayloadTemplate(compileNode(template, variables), variables);
    }

    /**
     * How many templates this JVM has compiled: for tests and benchmarks that hold compilation to once per
     * definition, out of the per-step path.
     */
    public static long compilations() {
        return COMPILATIONS.sum();
    }

    /**
     * Builds the payload.
     *
     * @throws StatesException {@code States.Runtime} when a path selects nothing;
     *     {@code States.IntrinsicFailure} when an intrinsic call fails
     */
    public JsonNode evaluate(EvalContext ctx) {
        return root.evaluate(ctx);
    }

    /** Names of the variables the template reads, in order of first appearance. */
    public Set<String> variableReferences() {
        return variableReferences;
    }

    private static Node compileNode(JsonNode template, Set<String> variables) {
        if (template.isObject()) {
            List<Field> fields = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> entries = template.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String key = entry.getKey();
                if (key.endsWith(DYNAMIC_SUFFIX)) {
                    String name = key.substring(0, key.length() - DYNAMIC_SUFFIX.length());
                    fields.add(new Field(name, compileDynamic(key, entry.getValue(), variables)));
                } else {
                    fields.add(new Field(key, compileNode(entry.getValue(), variables)));
                }
            }
            return new ObjectTemplate(List.copyOf(fields));
        }
        if (template.isArray()) {
            List<Node> items = new ArrayList<>();
            template.forEach(item -> items.add(compileNode(item, variables)));
            return new ArrayTemplate(List.copyOf(items));
        }
        return new Constant(template.deepCopy());
    }

    private static Node compileDynamic(String key, JsonNode value, Set<String> variables) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException("The value for the field '" + key
                    + "' must be a valid JSONPath or a valid intrinsic function call");
        }
        String text = value.textValue();
        if (IntrinsicExpression.isIntrinsic(text)) {
            IntrinsicExpression expression = IntrinsicExpression.parse(text);
            variables.addAll(expression.variableReferences());
            return new IntrinsicValue(expression);
        }
        try {
            JsonPathExpression path = JsonPathExpression.compile(text);
            if (path.variable() != null) {
                variables.add(path.variable());
            }
            return new PathValue(key, path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The value for the field '" + key
                    + "' must be a valid JSONPath or a valid intrinsic function call: " + e.getMessage(), e);
        }
    }

    private sealed interface Node permits ObjectTemplate, ArrayTemplate, Constant, PathValue, IntrinsicValue {
        JsonNode evaluate(EvalContext ctx);
    }

    private record Field(String name, Node value) {
    }

    private record ObjectTemplate(List<Field> fields) implements Node {
        @Override
        public JsonNode evaluate(EvalContext ctx) {
            ObjectNode object = Json.MAPPER.createObjectNode();
            for (Field field : fields) {
                object.set(field.name(), field.value().evaluate(ctx));
            }
            return object;
        }
    }

    private record ArrayTemplate(List<Node> items) implements Node {
        @Override
        public JsonNode evaluate(EvalContext ctx) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            items.forEach(item -> array.add(item.evaluate(ctx)));
            return array;
        }
    }

    /** Copied on every evaluation so that callers may modify the payload they get. */
    private record Constant(JsonNode value) implements Node {
        @Override
        public JsonNode evaluate(EvalContext ctx) {
            return value.deepCopy();
        }
    }

    private record PathValue(String key, JsonPathExpression path) implements Node {
        @Override
        public JsonNode evaluate(EvalContext ctx) {
            try {
                return path.read(ctx).deepCopy();
            } catch (JsonPathExpression.PathNotFound e) {
                throw StatesException.runtime("The JSONPath '" + path.text() + "' specified for the field '" + key
                        + "' could not be found in the input '" + ctx.describe(path) + "'");
            }
        }
    }

    private record IntrinsicValue(IntrinsicExpression expression) implements Node {
        @Override
        public JsonNode evaluate(EvalContext ctx) {
            return expression.evaluate(ctx);
        }
    }
}
