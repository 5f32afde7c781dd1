package io.stepwise.asl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** A {@code StartAt} + {@code States} workflow: the machine itself, a Parallel branch, a Map processor. */
final class StatesBlockValidator {
    private StatesBlockValidator() {
    }

    /** @param location where the block is; {@link Locations#ROOT} for the machine */
    static void validate(JsonNode block, String location, ValidationContext ctx) {
        // AWS lists States before StartAt.
        FieldRules.required(block, location, ctx, "States", "StartAt");
        JsonNode startAt = block.get("StartAt");
        if (startAt != null && !startAt.isTextual()) {
            ctx.schema("The field 'StartAt' must be a string", Locations.field(location, "StartAt"));
        }
        JsonNode states = block.get("States");
        if (states == null) {
            return;
        }
        if (!states.isObject()) {
            ctx.schema("The field 'States' must be an object", Locations.field(location, "States"));
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> entries = states.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            StateValidator.validate(entry.getKey(), entry.getValue(),
                    Locations.field(Locations.field(location, "States"), entry.getKey()), ctx);
        }
        if (startAt != null && startAt.isTextual()) {
            TransitionValidator.validate(startAt.asText(), states, location, ctx);
        }
    }
}
