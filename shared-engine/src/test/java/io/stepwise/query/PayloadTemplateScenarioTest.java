package io.stepwise.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays recorded-against-AWS cases whose first state is a Pass state with {@code Parameters} (escape
 * sequences in paths and literals, comments in Parameters): the template evaluated against the execution
 * input must equal the output AWS recorded when that state exited.
 */
class PayloadTemplateScenarioTest {
    private static final List<String> CASES = List.of(
            "scenarios/test_escape_sequence_parsing__ESCAPE_SEQUENCES_JSONPATH__0.json",
            "scenarios/test_escape_sequence_parsing__ESCAPE_SEQUENCES_STRING_LITERALS__0.json",
            "comments/test_comment_in_parameters__0.json");

    @TestFactory
    Stream<DynamicTest> recordedFirstStateParameters() {
        Path cases = casesDirectory();
        Assumptions.assumeTrue(Files.isDirectory(cases), "conformance cases not found");
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : CASES) {
            tests.add(DynamicTest.dynamicTest(name, () -> check(Json.parse(Files.readString(cases.resolve(name))))));
        }
        return tests.stream();
    }

    private static void check(JsonNode recorded) throws IOException {
        JsonNode definition = recorded.get("definition");
        JsonNode first = definition.get("States").get(definition.get("StartAt").asText());
        JsonNode exitedOutput = null;
        for (JsonNode event : recorded.get("expected").get("events")) {
            if (event.has("stateExitedEventDetails")) {
                exitedOutput = event.get("stateExitedEventDetails").get("output");
                break;
            }
        }
        EvalContext ctx = new EvalContext(recorded.get("input"), Json.MAPPER.createObjectNode(), null);

        JsonNode actual = PayloadTemplate.compile(first.get("Parameters")).evaluate(ctx);

        assertThat(actual).isEqualTo(exitedOutput);
    }

    private static Path casesDirectory() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path cases = dir.resolve("shared/conformance/cases");
            if (Files.isDirectory(cases)) {
                return cases;
            }
        }
        return Path.of("shared/conformance/cases");
    }
}
