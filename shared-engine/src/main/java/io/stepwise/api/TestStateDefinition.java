package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.CompiledFields;
import io.stepwise.asl.DefinitionParser;
import io.stepwise.asl.State;
import io.stepwise.asl.StateMachineDefinition;
import io.stepwise.asl.validation.DefinitionValidator;
import io.stepwise.asl.validation.Diagnostic;
import io.stepwise.asl.validation.ValidationResult;
import io.stepwise.query.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code definition} of a TestState request, validated as AWS validates it, and the state under test. A single
 * state becomes the state {@code StateName} of a machine of its own; the states it names as {@code Next},
 * {@code Default} or a catcher's {@code Next} need not exist (AWS accepts them), so they are stood in for by
 * Succeed states while validating.
 */
record TestStateDefinition(State state, CompiledFields fields) {

    static TestStateDefinition of(String text, String stateName) {
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(DefinitionValidator.validate(text));
        }
        boolean machine = root.isObject() && root.has("States");
        String name = stateName;
        ObjectNode definition;
        if (machine) {
            definition = (ObjectNode) root;
            if (name == null) {
                name = root.path("StartAt").asText();
            }
        } else {
            definition = Json.MAPPER.createObjectNode();
            definition.put("StartAt", TestStateOperations.SINGLE_STATE_NAME);
            ObjectNode states = definition.putObject("States");
            states.set(TestStateOperations.SINGLE_STATE_NAME, root);
            for (String target : targets(root)) {
                if (!states.has(target)) {
                    states.putObject(target).put("Type", "Succeed");
                }
            }
            name = TestStateOperations.SINGLE_STATE_NAME;
        }
        ValidationResult result = DefinitionValidator.validate(Json.write(definition));
        List<Diagnostic> errors = result.errors().stream().filter(d -> !unknownResource(d)).toList();
        if (!errors.isEmpty()) {
            throw invalid(new ValidationResult(false, errors));
        }
        if (!definition.path("States").has(name)) {
            throw TestStateOperations.validation("State not found in definition");
        }
        StateMachineDefinition parsed = DefinitionParser.parse(definition);
        return new TestStateDefinition(parsed.workflow().state(name), parsed.fields());
    }

    /**
     * TestState calls no task, so it accepts a resource ARN CreateStateMachine would not recognise (recorded: a
     * mocked Map whose item processor names {@code arn:aws:lambda:your-region:your-account-id:function:...}).
     */
    private static boolean unknownResource(Diagnostic diagnostic) {
        return diagnostic.code().equals(Diagnostic.SCHEMA_VALIDATION_FAILED)
                && diagnostic.message().startsWith("The resource provided ");
    }

    private static ApiException invalid(ValidationResult result) {
        return ApiException.of("InvalidDefinition", DefinitionValidator.createErrorMessage(result));
    }

    private static List<String> targets(JsonNode state) {
        List<String> targets = new ArrayList<>();
        addText(targets, state.get("Next"));
        addText(targets, state.get("Default"));
        for (JsonNode choice : state.path("Choices")) {
            addText(targets, choice.get("Next"));
        }
        for (JsonNode catcher : state.path("Catch")) {
            addText(targets, catcher.get("Next"));
        }
        return targets;
    }

    private static void addText(List<String> into, JsonNode node) {
        if (node != null && node.isTextual()) {
            into.add(node.asText());
        }
    }
}
