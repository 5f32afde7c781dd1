package io.stepwise.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.Command;
import io.stepwise.engine.port.ChildResult;
import io.stepwise.engine.port.ItemPage;
import io.stepwise.engine.port.ItemReader;
import io.stepwise.engine.port.ItemSource;
import io.stepwise.engine.port.MapRunIoException;
import io.stepwise.engine.port.ResultTarget;
import io.stepwise.engine.port.ResultWriter;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import java.util.Iterator;
import java.util.function.IntFunction;

/**
 * The Distributed Map's ItemReader and ResultWriter ports as the runtime calls them: a page of items for
 * {@link Command.ReadItems}, and the results of {@link Command.CollectResults} exported or returned. Either port may
 * be absent; a Map that needs it then fails as AWS fails a reader or writer that cannot work.
 */
public record MapRunIo(ItemReader reader, ResultWriter writer) {
    public static final MapRunIo NONE = new MapRunIo(null, null);

    TaskOutcome read(Command.ReadItems read) {
        JsonNode source = read.source();
        String resource = source.path("resource").asText(null);
        if (reader == null) {
            return new TaskOutcome.Failed(StatesErrors.ITEM_READER_FAILED,
                    "No ItemReader is configured for " + resource);
        }
        try {
            ItemPage page = reader.read(new ItemSource(resource, source.get("arguments"), source.get("readerConfig"),
                    source.hasNonNull("credentials") ? source.get("credentials") : null), read.cursor(),
                    read.maxItems());
            ObjectNode answer = Json.MAPPER.createObjectNode();
            answer.putArray("items").addAll(page.items());
            answer.put("nextCursor", page.nextCursor());
            return new TaskOutcome.Succeeded(answer);
        } catch (MapRunIoException e) {
            return new TaskOutcome.Failed(e.error(), e.cause());
        }
    }

    /**
     * The Map state's result: the children's results in item order, or with a ResultWriter what the writer returns.
     *
     * @param results the result of the child at each index
     */
    TaskOutcome collect(Command.CollectResults collect, IntFunction<ChildResult> results) {
        // A command read back from the outbox carries an absent writer as JSON null.
        if (collect.resultWriter() == null || collect.resultWriter().isNull()) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            for (int index = 0; index < collect.count(); index++) {
                array.add(resultValue(results.apply(index)));
            }
            return new TaskOutcome.Succeeded(array);
        }
        if (writer == null) {
            return new TaskOutcome.Failed(StatesErrors.RESULT_WRITER_FAILED, "No ResultWriter is configured");
        }
        JsonNode target = collect.resultWriter();
        Iterator<ChildResult> each = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < collect.count();
            }

            @Override
            public ChildResult next() {
                return results.apply(next++);
            }
        };
        try {
            return new TaskOutcome.Succeeded(writer.write(new ResultTarget(target.path("resource").asText(null),
                    target.get("arguments"), target.get("writerConfig"),
                    target.hasNonNull("credentials") ? target.get("credentials") : null), collect.mapRunArn(), each));
        } catch (MapRunIoException e) {
            return new TaskOutcome.Failed(e.error(), e.cause());
        }
    }

    /** A child's slot in the Map's result: its output, or its error and cause when it did not succeed. */
    private static JsonNode resultValue(ChildResult child) {
        if (child == null) {
            return Json.MAPPER.nullNode();
        }
        if ("SUCCEEDED".equals(child.status())) {
            return child.output() == null ? Json.MAPPER.nullNode() : Json.parse(child.output());
        }
        ObjectNode error = Json.MAPPER.createObjectNode();
        error.put("Error", child.error());
        error.put("Cause", child.cause());
        return error;
    }
}
