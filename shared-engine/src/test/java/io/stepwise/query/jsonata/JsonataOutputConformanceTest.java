package io.stepwise.query.jsonata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.NullNode;
import io.stepwise.query.Json;
import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.StatesException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the {@code jsonata_output} cases recorded against AWS: the Pass state's JSONata {@code Output},
 * evaluated on the case input, must give the recorded output or error. Variables assigned by a leading
 * JSONPath Pass state are set up from its {@code Assign}; cases whose JSONata state is not a Pass are skipped.
 */
class JsonataOutputConformanceTest {
    private static final String CATEGORY = "jsonata_output";

    @TestFactory
    Stream<DynamicTest> jsonataOutputCases() throws IOException {
        Optional<Path> dir = casesDirectory();
        assumeTrue(dir.isPresent(), "conformance cases not found above " + System.getProperty("user.dir"));
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir.get())) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<DynamicTest> tests = files.stream().map(JsonataOutputConformanceTest::read)
                .filter(c -> passStateWithOutput(c).isPresent())
                .map(c -> DynamicTest.dynamicTest(c.get("id").textValue(), () -> check(c)))
                .toList();
        System.out.printf("jsonata_output conformance: %d of %d cases replayed%n", tests.size(), files.size());
        assertThat(tests).isNotEmpty();
        return tests.stream();
    }

    private static Optional<Path> casesDirectory() {
        for (Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/conformance/cases").resolve(CATEGORY);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static JsonNode read(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<JsonNode> passStateWithOutput(JsonNode testCase) {
        JsonNode definition = testCase.get("definition");
        boolean jsonataMachine = "JSONata".equals(definition.path("QueryLanguage").asText());
        for (JsonNode state : definition.get("States")) {
            boolean jsonata = jsonataMachine || "JSONata".equals(state.path("QueryLanguage").asText());
            if (jsonata && "Pass".equals(state.path("Type").asText()) && state.has("Output")) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    private static void check(JsonNode testCase) {
        JsonNode input = testCase.get("input");
        JsonNode expected = testCase.get("expected");
        JsonataBindings bindings = new JsonataBindings(input, null, null, contextFor(expected),
                variablesBefore(testCase, input)::get, new SplittableRandom(0));
        JsonataTemplate output = JsonataTemplate.compile(passStateWithOutput(testCase).orElseThrow().get("Output"));
        if ("SUCCEEDED".equals(expected.get("status").asText())) {
            assertThat(equalJson(output.evaluate(bindings, "Output"), decoded(expected.get("output"))))
                    .as("output of %s", testCase.get("id").asText()).isTrue();
        } else {
            assertThatThrownBy(() -> output.evaluate(bindings, "Output"))
                    .isInstanceOfSatisfying(StatesException.class, e -> {
                        assertThat(e.error()).isEqualTo(expected.get("error").asText());
                        assertThat(expected.get("cause").asText()).endsWith(e.cause());
                    });
        }
    }

    /** Variables assigned by JSONPath Pass states ahead of the JSONata one, as the cases' {@code Init} does. */
    private static Map<String, JsonNode> variablesBefore(JsonNode testCase, JsonNode input) {
        Map<String, JsonNode> variables = new HashMap<>();
        for (JsonNode state : testCase.get("definition").get("States")) {
            JsonNode assign = state.get("Assign");
            if (assign == null || "JSONata".equals(state.path("QueryLanguage").asText())) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = assign.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String name = entry.getKey();
                if (name.endsWith(".$")) {
                    variables.put(name.substring(0, name.length() - 2),
                            JsonPathExpression.compile(entry.getValue().asText()).readFrom(input));
                } else {
                    variables.put(name, entry.getValue());
                }
            }
        }
        return variables;
    }

    /**
     * The recorded context object is normalised (placeholder ARNs and dates), so it cannot be rebuilt; the
     * value an {@code Output} echoed back is the best stand-in for it.
     */
    private static JsonNode contextFor(JsonNode expected) {
        JsonNode recorded = expected.path("output").path("ja_states_context");
        return recorded.isMissingNode() ? Json.parse("{}") : recorded;
    }

    /** Non-object payloads are recorded as their JSON text. */
    private static JsonNode decoded(JsonNode recorded) {
        if (recorded == null) {
            return NullNode.getInstance();
        }
        if (recorded.getNodeType() == JsonNodeType.STRING) {
            try {
                return Json.parse(recorded.textValue());
            } catch (IllegalArgumentException notJson) {
                return recorded;
            }
        }
        return recorded;
    }

    private static boolean equalJson(JsonNode actual, JsonNode expected) {
        return actual.equals((a, b) -> {
            if (a.isNumber() && b.isNumber()) {
                return a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
            }
            return a.equals(b) ? 0 : 1;
        }, expected);
    }
}
