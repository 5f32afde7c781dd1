package io.stepwise.engine.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One execution history event, shaped as {@code GetExecutionHistory} returns it. The interpreter records
 * the details as a recipe and they are built, payloads written as JSON text, only when the event is read:
 * most in-memory executions never read their history, and building every details object and payload text
 * was most of a simple state's cost. Everything a recipe refers to is immutable once emitted.
 */
public final class HistoryEvent {
    private final long id;
    private final long previousEventId;
    private final Instant timestamp;
    private final HistoryEventType type;
    private final Supplier<ObjectNode> details;

    /** @param details the {@code *EventDetails} object, or {@code null} for event types without details */
    public HistoryEvent(long id, long previousEventId, Instant timestamp, HistoryEventType type, ObjectNode details) {
        this(id, previousEventId, timestamp, type, details == null ? null : () -> details);
    }

    /** @param details builds the {@code *EventDetails} object on read; {@code null} for types without details */
    public HistoryEvent(long id, long previousEventId, Instant timestamp, HistoryEventType type,
                        Supplier<ObjectNode> details) {
        this.id = id;
        this.previousEventId = previousEventId;
        this.timestamp = timestamp;
        this.type = type;
        this.details = details;
    }

    public long id() {
        return id;
    }

    public long previousEventId() {
        return previousEventId;
    }

    public Instant timestamp() {
        return timestamp;
    }

    public HistoryEventType type() {
        return type;
    }

    /** The details with every payload written out as JSON text, as AWS returns them; {@code null} if none. */
    public ObjectNode details() {
        if (details == null) {
            return null;
        }
        return (ObjectNode) written(details.get());
    }

    private static JsonNode written(JsonNode value) {
        if (value instanceof POJONode pojo && pojo.getPojo() instanceof PayloadText text) {
            return TextNode.valueOf(text.text());
        }
        if (value.isObject()) {
            ObjectNode copy = ((ObjectNode) value).objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), written(e.getValue()));
            }
            return copy;
        }
        return value;
    }

    /** The name of the details member in AWS's {@code HistoryEvent} shape, e.g. {@code stateEnteredEventDetails}. */
    public String detailsKey() {
        return type.detailsKey();
    }

    /** Events are equal when they read the same, however their details are held. */
    @Override
    public boolean equals(Object other) {
        return other instanceof HistoryEvent that && id == that.id && previousEventId == that.previousEventId
                && timestamp.equals(that.timestamp) && type == that.type
                && Objects.equals(details(), that.details());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, previousEventId, timestamp, type);
    }

    @Override
    public String toString() {
        return "HistoryEvent[id=" + id + ", previousEventId=" + previousEventId + ", timestamp=" + timestamp
                + ", type=" + type + ", details=" + details() + "]";
    }
}
