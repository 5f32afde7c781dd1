package io.stepwise.engine.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One execution history event, shaped as {@code GetExecutionHistory} returns it.
 *
 * @param details the {@code *EventDetails} object, or {@code null} for event types without details
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, String type, ObjectNode details) {

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
