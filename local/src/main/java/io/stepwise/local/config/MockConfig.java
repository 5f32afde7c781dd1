package io.stepwise.local.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.query.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mock configuration in AWS Step Functions Local's format: {@code StateMachines → <machine> → TestCases →
 * <test case> → <state> → <mocked response>}, and {@code MockedResponses → <response> → <attempts>} where the
 * attempts key is {@code "0"} or a range {@code "1-2"} and each entry holds one {@code Return} (the task result)
 * or {@code Throw} ({@code Error}, {@code Cause}). Inconsistencies are refused at load, so a typo shows at
 * start-up instead of as a task silently calling the real integration.
 */
public final class MockConfig {
    private static final Pattern ATTEMPTS = Pattern.compile("(\\d+)(?:-(\\d+))?");

    /** machine name → test case → state name → mocked response. */
    private final Map<String, Map<String, Map<String, MockedResponse>>> testCases;

    private MockConfig(Map<String, Map<String, Map<String, MockedResponse>>> testCases) {
        this.testCases = testCases;
    }

    /** @throws IllegalArgumentException naming the file and what is wrong in it */
    public static MockConfig load(Path file) {
        try {
            return parse(Json.parse(Files.readString(file)));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read mock configuration " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mock configuration " + file + ": " + e.getMessage(), e);
        }
    }

    static MockConfig parse(JsonNode root) {
        Map<String, MockedResponse> responses = new HashMap<>();
        object(root.path("MockedResponses"), "MockedResponses").fields().forEachRemaining(entry ->
                responses.put(entry.getKey(), response(entry.getKey(), entry.getValue())));
        Map<String, Map<String, Map<String, MockedResponse>>> machines = new HashMap<>();
        object(root.path("StateMachines"), "StateMachines").fields().forEachRemaining(machine -> {
            String where = "StateMachines." + machine.getKey() + ".TestCases";
            Map<String, Map<String, MockedResponse>> cases = new HashMap<>();
            object(machine.getValue().path("TestCases"), where).fields().forEachRemaining(testCase -> {
                Map<String, MockedResponse> states = new HashMap<>();
                object(testCase.getValue(), where + "." + testCase.getKey()).fields().forEachRemaining(state -> {
                    MockedResponse response = responses.get(state.getValue().asText());
                    if (response == null) {
                        throw new IllegalArgumentException(where + "." + testCase.getKey() + "." + state.getKey()
                                + " names the undefined mocked response '" + state.getValue().asText() + "'");
                    }
                    states.put(state.getKey(), response);
                });
                cases.put(testCase.getKey(), Map.copyOf(states));
            });
            machines.put(machine.getKey(), Map.copyOf(cases));
        });
        return new MockConfig(Map.copyOf(machines));
    }

    /** The mocked states of {@code testCase} of the state machine named {@code machineName}, if it is defined. */
    public Optional<Map<String, MockedResponse>> testCase(String machineName, String testCase) {
        return Optional.ofNullable(testCases.getOrDefault(machineName, Map.of()).get(testCase));
    }

    private static MockedResponse response(String name, JsonNode node) {
        List<MockedAttempt> attempts = new ArrayList<>();
        object(node, "MockedResponses." + name).fields().forEachRemaining(entry -> {
            String where = "MockedResponses." + name + "." + entry.getKey();
            Matcher range = ATTEMPTS.matcher(entry.getKey());
            if (!range.matches()) {
                throw new IllegalArgumentException(where + ": attempt keys are numbers (\"0\") or ranges (\"1-2\")");
            }
            int first = Integer.parseInt(range.group(1));
            int last = range.group(2) == null ? first : Integer.parseInt(range.group(2));
            if (last < first) {
                throw new IllegalArgumentException(where + ": the range ends before it starts");
            }
            attempts.add(new MockedAttempt(first, last, outcome(entry.getValue(), where)));
        });
        return new MockedResponse(List.copyOf(attempts));
    }

    private static TaskOutcome outcome(JsonNode entry, String where) {
        object(entry, where);
        if (entry.has("Return") == entry.has("Throw") || entry.size() != 1) {
            throw new IllegalArgumentException(where + " needs exactly one of 'Return' or 'Throw'");
        }
        if (entry.has("Return")) {
            return new TaskOutcome.Succeeded(entry.get("Return"));
        }
        JsonNode thrown = object(entry.get("Throw"), where + ".Throw");
        if (!thrown.path("Error").isTextual() || !thrown.path("Cause").isTextual()) {
            throw new IllegalArgumentException(where + ".Throw needs the strings 'Error' and 'Cause'");
        }
        return new TaskOutcome.Failed(thrown.get("Error").textValue(), thrown.get("Cause").textValue());
    }

    private static JsonNode object(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object");
        }
        return node;
    }

    /** What a mocked state answers, attempt by attempt. */
    public record MockedResponse(List<MockedAttempt> attempts) {
        /** The outcome of attempt {@code attempt} (0 is the first call, 1 the first retry), if one is given. */
        public Optional<TaskOutcome> attempt(int attempt) {
            return attempts.stream().filter(a -> a.first() <= attempt && attempt <= a.last())
                    .map(MockedAttempt::outcome).findFirst();
        }
    }

    record MockedAttempt(int first, int last, TaskOutcome outcome) {
    }
}
