package io.stepwise.engine.history;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;
import java.math.BigDecimal;
import java.util.List;

/** Renders history events as the AWS JSON 1.0 wire format ({@code timestamp} in epoch seconds). */
public final class HistoryJson {
    private HistoryJson() {
    }

    public static ObjectNode event(HistoryEvent event) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("timestamp", BigDecimal.valueOf(event.timestamp().toEpochMilli()).movePointLeft(3));
        node.put("type", event.type().wireName());
        node.put("id", event.id());
        node.put("previousEventId", event.previousEventId());
        if (event.details() != null) {
            node.set(event.detailsKey(), event.details());
        }
        return node;
    }

    /** The body of a {@code GetExecutionHistory} response holding all {@code events}. */
    public static ObjectNode history(List<HistoryEvent> events) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode array = body.putArray("events");
        events.forEach(e -> array.add(event(e)));
        return body;
    }
}
