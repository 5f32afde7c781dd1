package io.stepwise.query.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A JSONata-mode field value ({@code Output}, {@code Arguments}, {@code Assign} entries, ...): any string
 * {@code "{% ... %}"} in it, at any depth, is an expression, everything else is taken literally. Compiled
 * once, so a definition's expressions are parsed when it is loaded rather than on every state entry.
 */
public final class JsonataTemplate {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final String OPEN = "{%";
    private static final String CLOSE = "%}";

    private sealed interface Part permits Literal, Expression, ObjectPart, ArrayPart {
        JsonNode evaluate(JsonataBindings bindings, String path, JsonataLimits limits);

        void visit(String path, BiConsumer<String, JsonataExpression> action);
    }

    private record Literal(JsonNode value) implements Part {
        @Override
        public JsonNode evaluate(JsonataBindings bindings, String path, JsonataLimits limits) {
            // Literals are shared by every evaluation; callers may mutate what they get back.
            return value.deepCopy();
        }

        @Override
        public void visit(String path, BiConsumer<String, JsonataExpression> action) {
        }
    }

    private record Expression(JsonataExpression expression) implements Part {
        @Override
        public JsonNode evaluate(JsonataBindings bindings, String path, JsonataLimits limits) {
            return expression.evaluate(bindings, path, limits);
        }

        @Override
        public void visit(String path, BiConsumer<String, JsonataExpression> action) {
            action.accept(path, expression);
        }
    }

    private record Field(String name, Part value) {
    }

    private record ObjectPart(List<Field> fields) implements Part {
        @Override
        public JsonNode evaluate(JsonataBindings bindings, String path, JsonataLimits limits) {
            ObjectNode result = NODES.objectNode();
            for (Field field : fields) {
                result.set(field.name(), field.value().evaluate(bindings, path + "/" + field.name(), limits));
            }
            return result;
        }

        @Override
        public void visit(String path, BiConsumer<String, JsonataExpression> action) {
            fields.forEach(field -> field.value().visit(path + "/" + field.name(), action));
        }
    }

    private record ArrayPart(List<Part> elements) implements Part {
        @Override
        public JsonNode evaluate(JsonataBindings bindings, String path, JsonataLimits limits) {
            ArrayNode result = NODES.arrayNode(elements.size());
            for (int i = 0; i < elements.size(); i++) {
                result.add(elements.get(i).evaluate(bindings, path + "/" + i, limits));
            }
            return result;
        }

        @Override
        public void visit(String path, BiConsumer<String, JsonataExpression> action) {
            for (int i = 0; i < elements.size(); i++) {
                elements.get(i).visit(path + "/" + i, action);
            }
        }
    }

    private final Part root;

    private JsonataTemplate(Part root) {
        this.root = root;
    }

    /**
     * Compiles every expression in {@code value}.
     *
     * @throws InvalidJsonataException for the first expression that is not JSONata
     */
    public static JsonataTemplate compile(JsonNode value) {
        return new JsonataTemplate(compilePart(value));
    }

    /** True for a string that is an expression: {@code {%} first and {@code %}} last, nothing around them. */
    public static boolean isExpression(String text) {
        return text != null && text.length() >= OPEN.length() + CLOSE.length()
                && text.startsWith(OPEN) && text.endsWith(CLOSE);
    }

    /** The text between the delimiters of an {@linkplain #isExpression expression string}. */
    public static String expressionBody(String text) {
        if (!isExpression(text)) {
            throw new IllegalArgumentException("not a JSONata expression string: " + text);
        }
        return text.substring(OPEN.length(), text.length() - CLOSE.length());
    }

    private static Part compilePart(JsonNode value) {
        if (value.isTextual() && isExpression(value.textValue())) {
            return new Expression(JsonataExpression.compile(expressionBody(value.textValue())));
        }
        if (value.isObject()) {
            List<Field> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                fields.add(new Field(field.getKey(), compilePart(field.getValue())));
            }
            return fields.stream().allMatch(f -> f.value() instanceof Literal) ? new Literal(value.deepCopy())
                    : new ObjectPart(List.copyOf(fields));
        }
        if (value.isArray()) {
            List<Part> elements = new ArrayList<>();
            value.forEach(element -> elements.add(compilePart(element)));
            return elements.stream().allMatch(Literal.class::isInstance) ? new Literal(value.deepCopy())
                    : new ArrayPart(List.copyOf(elements));
        }
        return new Literal(value.deepCopy());
    }

    /** The expression when the whole value is one expression string, else {@code null}. */
    public JsonataExpression soleExpression() {
        return root instanceof Expression expression ? expression.expression() : null;
    }

    /** True when the value holds at least one expression. */
    public boolean hasExpressions() {
        return !(root instanceof Literal);
    }

    /**
     * Every expression of the template with its field path, for static checks.
     *
     * @param fieldName the field holding the template, the first segment of each path
     */
    public void forEachExpression(String fieldName, BiConsumer<String, JsonataExpression> action) {
        root.visit(fieldName, action);
    }

    /**
     * Builds the value, evaluating its expressions in document order.
     *
     * @param fieldName the field holding the template ({@code Output}, {@code Arguments},
     *     {@code Assign/name}); nested expressions report {@code Output/a/b}, array elements their index
     * @throws io.stepwise.query.StatesException {@code States.QueryEvaluationError} from the first expression
     *     that fails
     */
    public JsonNode evaluate(JsonataBindings bindings, String fieldName) {
        return evaluate(bindings, fieldName, JsonataLimits.DEFAULT);
    }

    /** As {@link #evaluate(JsonataBindings, String)}, each expression bounded by {@code limits}. */
    public JsonNode evaluate(JsonataBindings bindings, String fieldName, JsonataLimits limits) {
        return root.evaluate(bindings, fieldName, limits);
    }
}
