package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The {@code context} of a TestState request: the context object the state sees instead of the one AWS would
 * build. Only the members a real context object has are allowed, with their types.
 */
final class TestStateContext {
    private static final String PREFIX = "Invalid Context object provided: ";
    private static final Map<String, Set<String>> MEMBERS = Map.of(
            "Execution", Set.of("Id", "Input", "Name", "RoleArn", "StartTime", "RedriveCount", "RedriveTime"),
            "State", Set.of("EnteredTime", "Name", "RetryCount"),
            "StateMachine", Set.of("Id", "Name"),
            "Task", Set.of("Token"));
    private static final Set<String> NUMBERS = Set.of("RetryCount", "RedriveCount");

    private TestStateContext() {
    }

    /** {@code context} itself, or the ValidationException AWS answers for it. */
    static JsonNode validate(JsonNode context) {
        if (!context.isObject()) {
            throw invalid("Context object must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = context.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            String name = section.getKey();
            if (name.equals("Map")) {
                throw invalid("'Map' field is not supported when mocking a Context object");
            }
            Set<String> members = MEMBERS.get(name);
            if (members == null) {
                throw invalid("Field '" + name + "' is not allowed");
            }
            if (!section.getValue().isObject()) {
                throw invalid(name + " must be an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = section.getValue().fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String member = field.getKey();
                if (!members.contains(member)) {
                    throw invalid("Field '" + member + "' is not allowed");
                }
                JsonNode value = field.getValue();
                if (member.equals("Input") || value.isNull()) {
                    continue;
                }
                if (NUMBERS.contains(member) ? !value.isNumber() : !value.isTextual()) {
                    throw invalid(name + "." + member + " must be a " + (NUMBERS.contains(member) ? "number" : "string"));
                }
            }
        }
        return context;
    }

    private static ApiException invalid(String message) {
        return TestStateOperations.validation(PREFIX + message);
    }
}
