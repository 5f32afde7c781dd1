package io.stepwise.engine.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * One execution history event, shaped as {@code GetExecutionHistory} returns it.
 *
 * @param details the {@code *EventDetails} object, or {@code null} for event types without details; payload
 *     fields may be held as {@link PayloadText} until read
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, String type, ObjectNode details) {

    /** The details with every payload written out as JSON text, as AWS returns them. */
    @Override
    public ObjectNode details() {
        if (details == null) {
            return null;
        }
        ObjectNode copy = details.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = details.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            copy.set(e.getKey(), written(e.getValue()));
        }
        return copy;
    }

    /** Events are equal when they read the same, however their payloads are held. */
    @Override
    public boolean equals(Object other) {
        return other instanceof HistoryEvent that && id == that.id && previousEventId == that.previousEventId
                && timestamp.equals(that.timestamp) && type.equals(that.type)
                && Objects.equals(details(), that.details());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, previousEventId, timestamp, type, details());
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
        return detailsKeyOf(type);
    }

    public static String detailsKeyOf(String type) {
        if (type.endsWith("StateEntered")) {
            return "stateEnteredEventDetails";
        }
        if (type.endsWith("StateExited")) {
            return "stateExitedEventDetails";
        }
        return Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
    }
}
