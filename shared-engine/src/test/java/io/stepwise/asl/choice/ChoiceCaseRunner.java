package io.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.stepwise.query.EvalContext;
import io.stepwise.query.StatesErrors;
import io.stepwise.query.StatesException;
import io.stepwise.query.Variables;
import java.util.Map;
import java.util.Set;

/**
 * Test-only stand-in for the interpreter, just enough for the Choice conformance cases: a JSONPath Choice state
 * leading to Pass states (a {@code Result} replaces the input; nothing else), Succeed or Fail. Any field outside
 * that shape fails loudly instead of being silently misinterpreted.
 */
final class ChoiceCaseRunner {
    private static final Map<String, Set<String>> SUPPORTED_FIELDS = Map.of(
            "Choice", Set.of("Type", "Comment", "Choices", "Default"),
            "Pass", Set.of("Type", "Comment", "Result", "Next", "End"),
            "Succeed", Set.of("Type", "Comment"),
            "Fail", Set.of("Type", "Comment", "Error", "Cause"));
    private static final int MAX_TRANSITIONS = 100;

    record Outcome(String status, JsonNode output, String error, String cause) {
        static Outcome succeeded(JsonNode output) {
            return new Outcome("SUCCEEDED", output, null, null);
        }

        static Outcome failed(String error, String cause) {
            return new Outcome("FAILED", null, error, cause);
        }
    }

    private ChoiceCaseRunner() {
    }

    static Outcome run(JsonNode definition, JsonNode input) {
        JsonNode states = definition.get("States");
        String name = definition.get("StartAt").textValue();
        JsonNode data = input;
        for (int transitions = 0; transitions < MAX_TRANSITIONS; transitions++) {
            JsonNode state = states.get(name);
            String type = state.get("Type").textValue();
            requireSupported(name, type, state);
            switch (type) {
                case "Choice" -> {
                    try {
                        name = choose(state, data);
                    } catch (StatesException e) {
                        return Outcome.failed(e.error(), e.cause());
                    }
                    if (name == null) {
                        return Outcome.failed(StatesErrors.NO_CHOICE_MATCHED, null);
                    }
                }
                case "Pass" -> {
                    if (state.has("Result")) {
                        data = state.get("Result");
                    }
                    if (state.path("End").asBoolean(false)) {
                        return Outcome.succeeded(data);
                    }
                    name = state.get("Next").textValue();
                }
                case "Succeed" -> {
                    return Outcome.succeeded(data);
                }
                default -> {
                    return Outcome.failed(state.path("Error").textValue(), state.path("Cause").textValue());
                }
            }
        }
        throw new IllegalStateException("no terminal state after " + MAX_TRANSITIONS + " transitions");
    }

    private static String choose(JsonNode choiceState, JsonNode data) {
        EvalContext ctx = new EvalContext(data, JsonNodeFactory.instance.objectNode(), Variables.NONE);
        for (JsonNode choice : choiceState.get("Choices")) {
            if (ChoiceRuleParser.parse(choice).matches(ctx)) {
                return choice.get("Next").textValue();
            }
        }
        return choiceState.path("Default").textValue();
    }

    private static void requireSupported(String name, String type, JsonNode state) {
        Set<String> supported = SUPPORTED_FIELDS.get(type);
        if (supported == null) {
            throw new UnsupportedOperationException("state '" + name + "' has unsupported type " + type);
        }
        state.fieldNames().forEachRemaining(field -> {
            if (!supported.contains(field)) {
                throw new UnsupportedOperationException("state '" + name + "' uses unsupported field " + field);
            }
        });
    }
}
