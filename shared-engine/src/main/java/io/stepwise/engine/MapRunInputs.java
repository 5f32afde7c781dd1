package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.CompiledFields;
import io.stepwise.asl.MapState;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import io.stepwise.query.StatesException;

/**
 * Evaluates a Distributed Map's ItemReader, ItemBatcher and ResultWriter once, when the Map starts, into the plain
 * values its Map Run keeps: paths and expressions resolved against the state's effective input, so the runtime's
 * reader and writer see only what to read and where to write.
 */
final class MapRunInputs {
    private MapRunInputs() {
    }

    /** The ItemReader as {@code io.stepwise.engine.port.ItemSource}'s fields. */
    static JsonNode itemSource(StateRunner runner, Frame frame, MapState map, Dialect dialect, EvalContext ctx) {
        JsonNode reader = map.itemReader();
        ObjectNode source = Json.MAPPER.createObjectNode();
        source.put("resource", reader.path("Resource").asText(null));
        source.set("arguments", arguments(runner, frame, dialect, reader, ctx));
        ObjectNode config = reader.has("ReaderConfig") ? ((ObjectNode) reader.get("ReaderConfig")).deepCopy()
                : Json.MAPPER.createObjectNode();
        if (config.has("MaxItemsPath")) {
            CompiledFields fields = runner.run().definition.fields();
            JsonNode max = ChildrenStep.read(fields.path(reader.get("ReaderConfig").get("MaxItemsPath")), ctx);
            if (!max.isIntegralNumber() || max.asLong() < 0) {
                throw StatesException.runtime("The MaxItemsPath field refers to value \"" + Json.write(max)
                        + "\" which is not a valid integer: " + config.get("MaxItemsPath").asText());
            }
            config.remove("MaxItemsPath");
            config.put("MaxItems", max.asLong());
        } else if (config.path("MaxItems").isTextual()) {
            // The definition's own node, which the interpreter compiled, not the copy's.
            JsonNode maxItems = reader.get("ReaderConfig").get("MaxItems");
            config.set("MaxItems", dialect.evaluate(runner, frame, maxItems, "MaxItems", ctx));
        }
        source.set("readerConfig", config);
        source.set("credentials", reader.get("Credentials"));
        return source;
    }

    /**
     * The ItemBatcher as {@code {"maxItems": n, "maxBytes": n, "batchInput": value}} (0 for no limit), or
     * {@code null} when the Map does not batch.
     */
    static JsonNode batcher(StateRunner runner, Frame frame, MapState map, Dialect dialect, EvalContext ctx) {
        JsonNode batcher = map.itemBatcher();
        if (batcher == null) {
            return null;
        }
        ObjectNode settings = Json.MAPPER.createObjectNode();
        settings.put("maxItems", limit(runner, frame, dialect, batcher, "MaxItemsPerBatch", ctx));
        settings.put("maxBytes", limit(runner, frame, dialect, batcher, "MaxInputBytesPerBatch", ctx));
        JsonNode batchInput = batcher.get("BatchInput");
        if (batchInput != null) {
            settings.set("batchInput", dialect.evaluate(runner, frame, batchInput, "BatchInput", ctx));
        }
        return settings;
    }

    private static long limit(StateRunner runner, Frame frame, Dialect dialect, JsonNode batcher, String field,
            EvalContext ctx) {
        JsonNode value = batcher.get(field);
        if (batcher.has(field + "Path")) {
            value = ChildrenStep.read(runner.run().definition.fields().path(batcher.get(field + "Path")), ctx);
            if (!value.isIntegralNumber() || value.asLong() < 0) {
                throw StatesException.runtime("The " + field + "Path field refers to value \"" + Json.write(value)
                        + "\" which is not a valid integer: " + batcher.get(field + "Path").asText());
            }
        } else if (value != null && value.isTextual()) {
            value = dialect.evaluate(runner, frame, value, field, ctx);
        }
        return value == null ? 0 : value.asLong();
    }

    /** The ResultWriter as {@code io.stepwise.engine.port.ResultTarget}'s fields, or {@code null} without one. */
    static JsonNode resultWriter(StateRunner runner, Frame frame, MapState map, Dialect dialect,
            EvalContext ctx) {
        JsonNode writer = map.resultWriter();
        if (writer == null) {
            return null;
        }
        ObjectNode target = Json.MAPPER.createObjectNode();
        target.put("resource", writer.path("Resource").asText(null));
        target.set("arguments", arguments(runner, frame, dialect, writer, ctx));
        target.set("writerConfig", writer.has("WriterConfig") ? writer.get("WriterConfig")
                : Json.MAPPER.createObjectNode());
        target.set("credentials", writer.get("Credentials"));
        return target;
    }

    /** The reader's or writer's {@code Parameters} (JSONPath) or {@code Arguments} (JSONata), {@code {}} for none. */
    private static JsonNode arguments(StateRunner runner, Frame frame, Dialect dialect, JsonNode node,
            EvalContext ctx) {
        String field = dialect.argumentsField();
        JsonNode arguments = node.get(field);
        return arguments == null ? Json.MAPPER.createObjectNode()
                : dialect.evaluate(runner, frame, arguments, field, ctx);
    }
}
