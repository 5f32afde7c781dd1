package io.stepwise.asl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.JsonPathExpression;
import java.util.Iterator;
import java.util.Map;

/** JSONPath-dialect checks: Paths, Reference Paths and payload templates with {@code .$} keys. */
final class PathRules {
    private static final String DYNAMIC_SUFFIX = ".$";

    /** What a Reference Path may start from besides the state input. */
    enum Roots { INPUT_ONLY, INPUT_AND_VARIABLES, ANY }

    private PathRules() {
    }

    /** A Path field such as InputPath; JSON null is allowed (it discards the value). */
    static void path(JsonNode state, String field, String location, ValidationContext ctx) {
        JsonNode value = state.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isTextual() || !compiles(value.asText())) {
            ctx.schema("The value for the field '" + field + "' must be a valid JSONPath", location);
        }
    }

    /**
     * A Reference Path field: a Path that selects a single node, so no filters, unions or slices
     * ({@code @ , : ?}), and, depending on the field, no context object or variables.
     */
    static void referencePath(JsonNode state, String field, String location, Roots roots, boolean nullable,
                              ValidationContext ctx) {
        JsonNode value = state.get(field);
        if (value == null || (nullable && value.isNull())) {
            return;
        }
        if (!value.isTextual() || !isReferencePath(value.asText(), roots)) {
            ctx.schema("Value is not a valid reference path", Locations.field(location, field));
        }
    }

    static boolean isReferencePath(String text, Roots roots) {
        JsonPathExpression path;
        try {
            path = JsonPathExpression.compile(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (text.chars().anyMatch(c -> "@,:?".indexOf(c) >= 0)) {
            return false;
        }
        return switch (roots) {
            case INPUT_ONLY -> path.root() == JsonPathExpression.Root.INPUT;
            case INPUT_AND_VARIABLES -> path.root() != JsonPathExpression.Root.CONTEXT;
            case ANY -> true;
        };
    }

    /** A field whose value is a Path or an intrinsic function call (Fail's ErrorPath and CausePath). */
    static void pathOrIntrinsic(JsonNode state, String field, String location, ValidationContext ctx) {
        JsonNode value = state.get(field);
        if (value != null && !isPathOrIntrinsic(value, ctx)) {
            ctx.schema("The value for the field '" + field + "' must be a valid JSONPath or a valid intrinsic "
                    + "function call", location);
        }
    }

    /**
     * Walks a payload template (Parameters, ResultSelector, ItemSelector, Credentials, JSONPath Assign):
     * every key ending in {@code .$} must hold a Path or an intrinsic function call. AWS locates the
     * finding at the object that holds the key.
     */
    static void payloadTemplate(JsonNode template, String location, ValidationContext ctx) {
        if (template.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().endsWith(DYNAMIC_SUFFIX)) {
                    if (!isPathOrIntrinsic(field.getValue(), ctx)) {
                        ctx.schema("The value for the field '" + field.getKey() + "' must be a valid JSONPath or a "
                                + "valid intrinsic function call", location);
                    }
                } else {
                    payloadTemplate(field.getValue(), Locations.field(location, field.getKey()), ctx);
                }
            }
        } else if (template.isArray()) {
            for (int i = 0; i < template.size(); i++) {
                payloadTemplate(template.get(i), Locations.item(location, i), ctx);
            }
        }
    }

    private static boolean isPathOrIntrinsic(JsonNode value, ValidationContext ctx) {
        if (!value.isTextual()) {
            return false;
        }
        String text = value.asText();
        if (text.startsWith("$")) {
            return compiles(text);
        }
        try {
            ctx.checker().checkIntrinsic(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean compiles(String text) {
        try {
            JsonPathExpression.compile(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
