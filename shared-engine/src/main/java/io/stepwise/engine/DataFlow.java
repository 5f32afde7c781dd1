package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.DataPath;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.StatesErrors;
import io.stepwise.query.StatesException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** InputPath, ResultPath and OutputPath, with the errors AWS raises for them. */
final class DataFlow {
    private DataFlow() {
    }

    /** InputPath: {@code null} yields an empty object; a path that selects nothing is {@code States.Runtime}. */
    static JsonNode inputPath(DataPath inputPath, EvalContext ctx) {
        return select(inputPath, ctx, "InputPath");
    }

    static JsonNode outputPath(DataPath outputPath, EvalContext ctx) {
        return select(outputPath, ctx, "OutputPath");
    }

    /**
     * As {@link #inputPath(DataPath, EvalContext)}, building the context only for a path that is not {@code $}
     * (the default, which selects the whole input): most states never need one.
     */
    static JsonNode inputPath(DataPath inputPath, JsonNode input, Supplier<EvalContext> ctx) {
        return selectsAll(inputPath) ? whole(input) : inputPath(inputPath, ctx.get());
    }

    /** As {@link #inputPath(DataPath, JsonNode, Supplier)}, for OutputPath. */
    static JsonNode outputPath(DataPath outputPath, JsonNode output, Supplier<EvalContext> ctx) {
        return selectsAll(outputPath) ? whole(output) : outputPath(outputPath, ctx.get());
    }

    private static boolean selectsAll(DataPath dataPath) {
        return !dataPath.isDiscard() && dataPath.path().isRoot();
    }

    /** What {@code $} selects: the value itself, JSON null for none. */
    private static JsonNode whole(JsonNode value) {
        return value == null ? NullNode.getInstance() : value;
    }

    private static JsonNode select(DataPath dataPath, EvalContext ctx, String field) {
        if (dataPath.isDiscard()) {
            return Json.MAPPER.createObjectNode();
        }
        JsonPathExpression path = dataPath.path();
        try {
            return path.read(ctx);
        } catch (JsonPathExpression.PathNotFound e) {
            throw StatesException.runtime("Invalid path '" + path.text() + "' : " + e.getMessage());
        }
    }

    /**
     * ResultPath: where the result goes in the state's raw input. {@code null} keeps the input, {@code $}
     * replaces it, any other reference path writes into a copy of it, creating missing objects on the way.
     */
    static JsonNode resultPath(DataPath resultPath, JsonNode rawInput, JsonNode result) {
        return resultPath(resultPath, rawInput, result, null);
    }

    /**
     * As {@link #resultPath(DataPath, JsonNode, JsonNode)}, also remembering in {@code sizeMemo} (when given)
     * the size bound of every container it copies, derived from the original's (see {@link PayloadSize#derive}).
     */
    static JsonNode resultPath(DataPath resultPath, JsonNode rawInput, JsonNode result,
            PayloadSizeMemo sizeMemo) {
        if (resultPath.isDiscard()) {
            return rawInput;
        }
        JsonPathExpression path = resultPath.path();
        if (path.isRoot()) {
            return result;
        }
        List<Object> segments = segments(path);
        if (!rawInput.isObject() && !(rawInput.isArray() && segments.get(0) instanceof Integer)) {
            throw matchFailure(path, rawInput);
        }
        return withValueAt(rawInput, segments, 0, result, path, rawInput, sizeMemo);
    }

    /**
     * A copy of {@code node} with {@code value} at {@code segments[from..]}. Only the containers on the path
     * are copied; the rest is shared, which is safe because the engine never changes a node once built.
     */
    private static JsonNode withValueAt(JsonNode node, List<Object> segments, int from, JsonNode value,
            JsonPathExpression path, JsonNode rawInput, PayloadSizeMemo sizeMemo) {
        Object segment = segments.get(from);
        boolean last = from == segments.size() - 1;
        if (segment instanceof String key) {
            if (!node.isObject()) {
                throw matchFailure(path, rawInput);
            }
            ObjectNode copy = copyOf((ObjectNode) node);
            JsonNode before = node.get(key);
            JsonNode after;
            if (last) {
                after = value;
            } else {
                JsonNode next = before;
                if (next == null || !(next.isObject() || next.isArray())) {
                    next = Json.MAPPER.createObjectNode();
                }
                after = withValueAt(next, segments, from + 1, value, path, rawInput, sizeMemo);
            }
            copy.set(key, after);
            if (sizeMemo != null) {
                PayloadSize.derive(sizeMemo, node, copy, key, before, after);
            }
            return copy;
        }
        int index = (Integer) segment;
        if (!node.isArray() || index >= node.size()) {
            throw matchFailure(path, rawInput);
        }
        ArrayNode copy = Json.MAPPER.getNodeFactory().arrayNode(node.size());
        copy.addAll((ArrayNode) node);
        JsonNode before = node.get(index);
        JsonNode after = last ? value : withValueAt(before, segments, from + 1, value, path, rawInput, sizeMemo);
        copy.set(index, after);
        if (sizeMemo != null) {
            PayloadSize.derive(sizeMemo, node, copy, null, before, after);
        }
        return copy;
    }

    /** A shallow copy sized for one more member, so that adding the result never rehashes. */
    private static ObjectNode copyOf(ObjectNode node) {
        Map<String, JsonNode> members = new LinkedHashMap<>(Math.max(16, (int) ((node.size() + 1) / 0.75f) + 1));
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            members.put(e.getKey(), e.getValue());
        }
        return new ObjectNode(Json.MAPPER.getNodeFactory(), members);
    }

    private static StatesException matchFailure(JsonPathExpression path, JsonNode input) {
        return new StatesException(StatesErrors.RESULT_PATH_MATCH_FAILURE,
                "Unable to apply ReferencePath " + path.text() + " to input " + Json.write(input), true);
    }

    private static List<Object> segments(JsonPathExpression path) {
        List<Object> segments = path.segments();
        if (segments == null || segments.isEmpty()) {
            throw new IllegalArgumentException("not a reference path: " + path.text());
        }
        return segments;
    }
}
