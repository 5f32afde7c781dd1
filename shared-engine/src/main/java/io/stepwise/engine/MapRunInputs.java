package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.MapState;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.PayloadTemplate;
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
    static JsonNode itemSource(StateRunner runner, Frame frame, MapState map, EvalContext ctx) {
        JsonNode reader = map.itemReader();
        ObjectNode source = Json.MAPPER.createObjectNode();
        source.put("resource", reader.path("Resource").asText(null));
        source.set("arguments", arguments(runner, frame, map, reader, ctx));
        ObjectNode config = reader.has("ReaderConfig") ? ((ObjectNode) reader.get("ReaderConfig")).deepCopy()
                : Json.MAPPER.createObjectNode();
        if (config.has("MaxItemsPath")) {
            JsonNode max = ChildrenStep.read(JsonPathExpression.compile(config.get("MaxItemsPath").asText()), ctx);
            if (!max.isIntegralNumber() || max.asLong() < 0) {
                throw StatesException.runtime("The MaxItemsPath field refers to value \"" + Json.write(max)
                        + "\" which is not a valid integer: " + config.get("MaxItemsPath").asText());
            }
            config.remove("MaxItemsPath");
            config.put("MaxItems", max.asLong());
        } else if (config.path("MaxItems").isTextual() && map.common().isJsonata()) {
            config.set("MaxItems", runner.jsonata().evaluate(config.get("MaxItems"),
                    runner.jsonata().bindings(runner, frame, frame.branch().stateInput), "MaxItems"));
        }
        source.set("readerConfig", config);
        source.set("credentials", reader.get("Credentials"));
        return source;
    }

    /**
     * The ItemBatcher as {@code {"maxItems": n, "maxBytes": n, "batchInput": value}} (0 for no limit), or
     * {@code null} when the Map does not batch.
     */
    static JsonNode batcher(StateRunner runner, Frame frame, MapState map, EvalContext ctx) {
        JsonNode batcher = map.itemBatcher();
        if (batcher == null) {
            return null;
        }
        ObjectNode settings = Json.MAPPER.createObjectNode();
        settings.put("maxItems", limit(runner, frame, map, batcher, "MaxItemsPerBatch", ctx));
        settings.put("maxBytes", limit(runner, frame, map, batcher, "MaxInputBytesPerBatch", ctx));
        JsonNode batchInput = batcher.get("BatchInput");
        if (batchInput != null) {
            settings.set("batchInput", map.common().isJsonata()
                    ? runner.jsonata().evaluate(batchInput, runner.jsonata().bindings(runner, frame, frame.branch().stateInput),
                            "BatchInput")
                    : PayloadTemplate.compile(batchInput).evaluate(ctx));
        }
        return settings;
    }

    private static long limit(StateRunner runner, Frame frame, MapState map, JsonNode batcher, String field,
            EvalContext ctx) {
        JsonNode value = batcher.get(field);
        if (batcher.has(field + "Path")) {
            value = ChildrenStep.read(JsonPathExpression.compile(batcher.get(field + "Path").asText()), ctx);
            if (!value.isIntegralNumber() || value.asLong() < 0) {
                throw StatesException.runtime("The " + field + "Path field refers to value \"" + Json.write(value)
                        + "\" which is not a valid integer: " + batcher.get(field + "Path").asText());
            }
        } else if (value != null && value.isTextual() && map.common().isJsonata()) {
            value = runner.jsonata().evaluate(value, runner.jsonata().bindings(runner, frame, frame.branch().stateInput), field);
        }
        return value == null ? 0 : value.asLong();
    }

    /** The ResultWriter as {@code io.stepwise.engine.port.ResultTarget}'s fields, or {@code null} without one. */
    static JsonNode resultWriter(StateRunner runner, Frame frame, MapState map, EvalContext ctx) {
        JsonNode writer = map.resultWriter();
        if (writer == null) {
            return null;
        }
        ObjectNode target = Json.MAPPER.createObjectNode();
        target.put("resource", writer.path("Resource").asText(null));
        target.set("arguments", arguments(runner, frame, map, writer, ctx));
        target.set("writerConfig", writer.has("WriterConfig") ? writer.get("WriterConfig")
                : Json.MAPPER.createObjectNode());
        target.set("credentials", writer.get("Credentials"));
        return target;
    }

    private static JsonNode arguments(StateRunner runner, Frame frame, MapState map, JsonNode node, EvalContext ctx) {
        if (map.common().isJsonata()) {
            JsonNode arguments = node.get("Arguments");
            return arguments == null ? Json.MAPPER.createObjectNode()
                    : runner.jsonata().evaluate(arguments, runner.jsonata().bindings(runner, frame, frame.branch().stateInput),
                            "Arguments");
        }
        JsonNode parameters = node.get("Parameters");
        return parameters == null ? Json.MAPPER.createObjectNode() : PayloadTemplate.compile(parameters).evaluate(ctx);
    }
}
