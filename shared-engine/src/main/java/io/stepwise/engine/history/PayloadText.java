package io.stepwise.engine.history;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;

/**
 * A payload field of a history event ({@code input}, {@code output}, {@code parameters}, an assigned
 * variable): the JSON value, written as JSON text only when someone reads or stores the event. Most
 * in-memory executions never read their history, and writing every payload dominated a state's cost.
 * The value must not change after the event is emitted; the interpreter never mutates a node it has emitted.
 */
public final class PayloadText {
    private final JsonNode value;
    private final boolean given;
    private String text;

    public PayloadText(JsonNode value) {
        this.value = value;
        this.given = false;
    }

    /** A payload shown as {@code text}, exactly as it was given (AWS echoes the execution input unchanged). */
    public PayloadText(JsonNode value, String text) {
        this.value = value;
        this.text = text;
        this.given = true;
    }

    /** The payload as AWS writes it in the event: compact JSON text. */
    @JsonValue
    public String text() {
        if (text == null) {
            text = Json.write(value);
        }
        return text;
    }

    public JsonNode value() {
        return value;
    }

    /** Whether the text was given rather than written from the value, so it cannot be written again from it. */
    public boolean isGiven() {
        return given;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PayloadText that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
