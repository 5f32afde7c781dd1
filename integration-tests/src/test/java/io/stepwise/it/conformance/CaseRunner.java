package io.stepwise.it.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stepwise.asl.DefinitionParser;
import io.stepwise.asl.StateMachineDefinition;
import io.stepwise.asl.StateMachineType;
import io.stepwise.asl.validation.DefinitionValidator;
import io.stepwise.asl.validation.ValidationResult;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.local.LocalAccount;
import io.stepwise.query.Json;
import io.stepwise.runtime.ExecutionResult;
import io.stepwise.runtime.InMemoryRunner;
import io.stepwise.runtime.MapRunIo;
import io.stepwise.runtime.VirtualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Runs one recorded case on the in-memory runtime and compares what it did with what AWS recorded. */
final class CaseRunner {
    private CaseRunner() {
    }

    /** Null when the case matches, else the first difference. */
    static String run(JsonNode testCase) {
        if (TestStateCases.isTestState(testCase)) {
            return InMemoryTestState.run(testCase);
        }
        if (!isExecution(testCase)) {
            return validation(testCase);
        }
        return execution(testCase);
    }

    /** Whether the case runs an execution, rather than validating a definition. */
    static boolean isExecution(JsonNode testCase) {
        return !testCase.has("request") && !testCase.path("expected").has("createError")
                && !testCase.path("expected").has("validateResult");
    }

    private static String validation(JsonNode testCase) {
        JsonNode expected = testCase.get("expected");
        StateMachineType type = StateMachineType.fromWireName(testCase.path("request").path("type").asText(null))
                .orElse(null);
        ValidationResult result = DefinitionValidator.validate(testCase.get("definitionText").asText(), type);
        if (expected.has("createError")) {
            if (result.ok()) {
                return "expected InvalidDefinition but the definition was accepted";
            }
            String message = DefinitionValidator.createErrorMessage(result).replace("arn:aws:", "arn:<partition>:");
            String expectedMessage = expected.get("createError").get("message").asText();
            return message.equals(expectedMessage) ? null
                    : "expected message <" + expectedMessage + "> but was <" + message + ">";
        }
        JsonNode validate = expected.get("validateResult");
        ObjectNode actual = result.response(Integer.MAX_VALUE);
        return JsonMatcher.difference(validate, actual, "validateResult");
    }

    private static String execution(JsonNode recorded) {
        ServiceFixtures.Prepared prepared = ServiceFixtures.isServiceCase(recorded)
                ? ServiceFixtures.shared().prepare(recorded) : new ServiceFixtures.Prepared(recorded, Map.of());
        JsonNode testCase = prepared.testCase();
        Map<String, String> names = prepared.names();
        JsonNode definitionNode = testCase.get("definition");
        String definitionText = Json.write(definitionNode);
        ValidationResult validation = DefinitionValidator.validate(definitionText);
        if (!validation.ok()) {
            return "definition rejected: " + validation.diagnostics();
        }
        StateMachineDefinition definition = DefinitionParser.parse(definitionText);
        String executionName = UUID.randomUUID().toString();
        ExecutionStart start = startOf(testCase, executionName, Instant.now());
        VirtualClock clock = new VirtualClock(start.startTime());
        // Local Lambda functions name the local account in their ARNs; it is mapped to the recorded one.
        boolean service = ServiceFixtures.isServiceCase(recorded);
        String account = service ? LocalAccount.ACCOUNT : Normalizer.ACCOUNT;
        IntegrationRegistry integrations = service ? ServiceFixtures.shared().integrations(clock)
                : resource -> Optional.empty();
        MapRunIo io = service ? ServiceFixtures.shared().mapRunIo() : MapRunIo.NONE;
        ExecutionResult result = new InMemoryRunner(integrations, clock, io).run(definition, start);

        List<RawEvent> events = new ArrayList<>();
        for (HistoryEvent event : result.history()) {
            events.add(new RawEvent(event.id(), event.previousEventId(), event.type().wireName(), event.detailsKey(),
                    event.details()));
        }
        ExecutionState state = result.state();
        return compareExecution(testCase, new Observed(state.status.name(), state.output, state.error, state.cause,
                events), executionName, Normalizer.MACHINE, account, names);
    }

    /** How the in-memory run of {@code testCase} starts its execution {@code executionName} at {@code time}. */
    static ExecutionStart startOf(JsonNode testCase, String executionName, Instant time) {
        String machineArn = "arn:aws:states:" + Normalizer.REGION + ":" + Normalizer.ACCOUNT + ":stateMachine:"
                + Normalizer.MACHINE;
        String executionArn = "arn:aws:states:" + Normalizer.REGION + ":" + Normalizer.ACCOUNT + ":execution:"
                + Normalizer.MACHINE + ":" + executionName;
        return new ExecutionStart(executionArn, executionName, machineArn, Normalizer.MACHINE, Normalizer.ROLE_ARN,
                Normalizer.REGION, testCase.get("inputText").asText(), time, time.toEpochMilli());
    }

    /** One history event as an API returns it, before normalisation ({@code details} may be null). */
    record RawEvent(long id, Long previousEventId, String type, String detailsKey, JsonNode details) {
    }

    /** What one run of a case ended with, whichever way it ran (in memory or through the server). */
    record Observed(String status, JsonNode output, String error, String cause, List<RawEvent> events) {
    }

    /**
     * Normalises what a run did and compares it with the recording: null when it matches, else the first
     * difference. {@code machine} and {@code account} are the names the run really used.
     */
    static String compareExecution(JsonNode testCase, Observed observed, String executionName, String machine,
            String account) {
        return compareExecution(testCase, observed, executionName, machine, account, Map.of());
    }

    /** As above, for a service-integration case whose resource names ({@code names}: ours → token) go back. */
    static String compareExecution(JsonNode testCase, Observed observed, String executionName, String machine,
            String account, Map<String, String> names) {
        Normalizer normalizer = normalizerFor(executionName, observed.events(), machine, account, names);
        ObjectNode actual = Json.MAPPER.createObjectNode();
        actual.put("status", observed.status());
        if (observed.output() != null) {
            actual.set("output", normalizer.deep(observed.output()));
        }
        if (observed.error() != null) {
            actual.put("error", normalizer.text(observed.error()));
        }
        if (observed.cause() != null) {
            actual.put("cause", normalizer.text(observed.cause()));
        }
        ArrayNode events = actual.putArray("events");
        for (RawEvent event : observed.events()) {
            events.add(recorded(event, normalizer));
        }
        JsonNode expected = testCase.get("expected");
        applyReplacements(testCase.path("comparison").path("replacedPaths"), actual);
        if (testCase.path("comparison").has("httpMetadata")) {
            expected = HttpMetadataHeaders.loosen(expected.deepCopy());
            HttpMetadataHeaders.loosen(actual);
        }

        for (String field : List.of("status", "output", "error", "cause")) {
            String diff = JsonMatcher.difference(expected.get(field), actual.get(field), field);
            if (diff != null && field.equals("status") && actual.hasNonNull("error")) {
                // A wrong status says little without what ended the execution.
                return diff + " (error " + actual.get("error") + ", cause " + actual.path("cause") + ")";
            }
            if (diff != null) {
                return diff;
            }
        }
        JsonNode expectedEvents = expected.get("events");
        if (expectedEvents == null || expectedEvents.isNull()) {
            return null;
        }
        if ("parallel-branches".equals(testCase.path("comparison").path("eventsNormalization").asText())) {
            return ParallelHistories.difference(expectedEvents, events);
        }
        return JsonMatcher.difference(expectedEvents, events, "events");
    }

    private static Normalizer normalizerFor(String executionName, List<RawEvent> history, String machine,
            String account, Map<String, String> names) {
        for (RawEvent event : history) {
            if (event.type().equals("MapRunStarted")) {
                String arn = event.details().get("mapRunArn").asText();
                String tail = arn.substring(arn.indexOf(":mapRun:") + ":mapRun:".length());
                String part0 = tail.substring(tail.indexOf('/') + 1, tail.lastIndexOf(':'));
                String part1 = tail.substring(tail.lastIndexOf(':') + 1);
                return new Normalizer(executionName, part0, part1, machine, account, names);
            }
        }
        return new Normalizer(executionName, null, null, machine, account, names);
    }

    /** An event in the recorded form: timestamp elided, payload fields decoded one level, names replaced. */
    static ObjectNode recorded(RawEvent event, Normalizer normalizer) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", event.id());
        if (event.previousEventId() != null) {
            node.put("previousEventId", event.previousEventId());
        }
        node.put("timestamp", "timestamp");
        node.put("type", event.type());
        if (event.details() != null) {
            ObjectNode details = Json.MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = event.details().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode value = e.getValue();
                if (value.isTextual() && List.of("input", "output", "cause", "parameters").contains(e.getKey())) {
                    value = Normalizer.decodePayload(value.asText());
                }
                details.set(e.getKey(), normalizer.deep(value));
            }
            node.set(event.detailsKey(), details);
        }
        return node;
    }

    /**
     * Applies the case's {@code replacedPaths} (values AWS randomised, replaced by a literal when recorded).
     * The paths use deep scans ({@code $..events..output.x}), which Jayway cannot set through, so they are
     * walked here; the execution output is then re-read from the rewritten final event, as it was recorded.
     */
    static void applyReplacements(JsonNode replacedPaths, ObjectNode actual) {
        for (JsonNode entry : replacedPaths) {
            String path = entry.get("path").asText();
            TextNode replacement = TextNode.valueOf(entry.get("replacement").asText());
            replace(actual, tokens(path.substring(1)), 0, replacement);
        }
        JsonNode events = actual.get("events");
        JsonNode last = events.size() == 0 ? null : events.get(events.size() - 1);
        if (replacedPaths.size() > 0 && last != null && last.has("executionSucceededEventDetails")) {
            // The event holds the payload as recorded (JSON text unless an object); the output field holds its value.
            JsonNode output = last.get("executionSucceededEventDetails").get("output");
            actual.set("output", output != null && output.isTextual() ? parsedOrText(output.asText()) : output);
        }
    }

    private static JsonNode parsedOrText(String text) {
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            return TextNode.valueOf(text);
        }
    }

    private record Token(boolean deep, String key) {
    }

    private static List<Token> tokens(String path) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < path.length()) {
            boolean deep = path.startsWith("..", i);
            i += deep ? 2 : 1;
            int end = i;
            while (end < path.length() && path.charAt(end) != '.') {
                end++;
            }
            tokens.add(new Token(deep, path.substring(i, end)));
            i = end;
        }
        return tokens;
    }

    private static void replace(JsonNode node, List<Token> tokens, int index, TextNode replacement) {
        Token token = tokens.get(index);
        boolean last = index == tokens.size() - 1;
        if (node.isObject() && node.has(token.key())) {
            if (last) {
                ((ObjectNode) node).set(token.key(), replacement);
            } else {
                replace(node.get(token.key()), tokens, index + 1, replacement);
            }
        }
        if (token.deep() && node.isContainerNode()) {
            for (JsonNode child : node) {
                replace(child, tokens, index, replacement);
            }
        }
    }
}
