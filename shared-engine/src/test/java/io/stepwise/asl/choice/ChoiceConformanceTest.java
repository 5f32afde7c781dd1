package io.stepwise.asl.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the Choice cases recorded against AWS (shared/conformance) through {@link ChoiceCaseRunner}, comparing
 * status and output (and error/cause when failed). Skipped when the conformance data is not checked out.
 */
class ChoiceConformanceTest {

    @TestFactory
    Stream<DynamicTest> choiceOperators() {
        return casesIn("choice_operators");
    }

    /** The JSONPath cases of the {@code choice} category; JSONata ones need the JSONata engine. */
    @TestFactory
    Stream<DynamicTest> choiceJsonPath() {
        return casesIn("choice").filter(test -> !test.getDisplayName().toLowerCase().contains("jsonata"));
    }

    private static Stream<DynamicTest> casesIn(String category) {
        Path dir = casesRoot().resolve(category);
        assumeTrue(Files.isDirectory(dir), "conformance cases not found: " + dir);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> cases = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            return cases.stream().map(file -> DynamicTest.dynamicTest(
                    file.getFileName().toString(), file.toUri(), () -> check(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(Path file) throws IOException {
        JsonNode testCase = Json.parse(Files.readString(file));
        JsonNode expected = testCase.get("expected");
        ChoiceCaseRunner.Outcome actual = ChoiceCaseRunner.run(
                testCase.get("definition"), Json.parse(testCase.get("inputText").textValue()));

        assertThat(actual.status()).as("status").isEqualTo(expected.get("status").textValue());
        if (actual.status().equals("SUCCEEDED")) {
            assertThat(actual.output()).as("output").isEqualTo(recordedPayload(expected.get("output")));
        } else {
            assertThat(actual.error()).as("error").isEqualTo(expected.path("error").textValue());
            assertThat(actual.cause()).as("cause").isEqualTo(expected.path("cause").textValue());
        }
    }

    /** Recorded payloads that are not objects stay JSON text (README, rule 1). */
    private static JsonNode recordedPayload(JsonNode recorded) {
        return recorded.isTextual() ? Json.parse(recorded.textValue()) : recorded;
    }

    private static Path casesRoot() {
        for (Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); dir != null;
                dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/conformance/cases");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Paths.get("shared/conformance/cases");
    }
}
