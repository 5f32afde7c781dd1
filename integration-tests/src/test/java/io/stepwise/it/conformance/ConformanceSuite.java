package io.stepwise.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case recorded against real AWS, run on the engine and compared with AWS's whole history. A case
 * that fails must be listed in {@code conformance-deviations.txt} with its reason; the pass count may only
 * rise ({@code conformance-ratchet.txt}). Prints {@code conformance: N passed, M failed, K skipped} and
 * writes {@code target/conformance-report.json}.
 */
class ConformanceSuite {
    private static final List<CaseOutcome> OUTCOMES = new ArrayList<>();
    private static final Path MODULE = Path.of(System.getProperty("user.dir"));

    @TestFactory
    Stream<DynamicTest> recordedCases() throws IOException {
        Optional<Path> directory = CasesDirectory.locate();
        Assumptions.assumeTrue(directory.isPresent(), "no conformance cases found (shared/conformance/cases)");
        Map<String, String> deviations = KnownDeviations.load(MODULE.resolve("conformance-deviations.txt"));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory.get())) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        return files.stream().map(file -> {
            JsonNode testCase = read(file);
            String id = testCase.path("id").asText(file.getFileName().toString());
            return DynamicTest.dynamicTest(id, () -> runCase(id, testCase, deviations));
        });
    }

    private static void runCase(String id, JsonNode testCase, Map<String, String> deviations) {
        String category = testCase.path("category").asText();
        String difference;
        try {
            difference = CaseRunner.run(testCase);
        } catch (RuntimeException | StackOverflowError e) {
            difference = "crashed: " + e;
        }
        record(new CaseOutcome(id, category, difference == null ? CaseOutcome.Result.PASSED
                : CaseOutcome.Result.FAILED, difference));
        if (difference != null && deviations.containsKey(id)) {
            Assumptions.abort("known deviation: " + deviations.get(id) + " — " + difference);
        }
        assertThat(difference).as(id).isNull();
    }

    private static synchronized void record(CaseOutcome outcome) {
        OUTCOMES.add(outcome);
    }

    @AfterAll
    static void report() throws IOException {
        if (OUTCOMES.isEmpty()) {
            return;
        }
        long passed = OUTCOMES.stream().filter(o -> o.result() == CaseOutcome.Result.PASSED).count();
        long failed = OUTCOMES.stream().filter(o -> o.result() == CaseOutcome.Result.FAILED).count();
        long skipped = OUTCOMES.stream().filter(o -> o.result() == CaseOutcome.Result.SKIPPED).count();
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("passed", passed).put("failed", failed).put("skipped", skipped);
        Map<String, int[]> byCategory = new LinkedHashMap<>();
        ArrayNode cases = report.putArray("cases");
        for (CaseOutcome o : OUTCOMES) {
            ObjectNode node = cases.addObject().put("id", o.id()).put("result", o.result().name());
            if (o.detail() != null) {
                node.put("detail", o.detail());
            }
            byCategory.computeIfAbsent(o.category(), k -> new int[3])[o.result().ordinal()]++;
        }
        ObjectNode categories = report.putObject("categories");
        byCategory.forEach((k, v) -> categories.putObject(k).put("passed", v[0]).put("failed", v[1]).put("skipped", v[2]));
        Files.createDirectories(MODULE.resolve("target"));
        Files.writeString(MODULE.resolve("target/conformance-report.json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.println("conformance: " + passed + " passed, " + failed + " failed, " + skipped + " skipped");
        if (System.getProperty("conformance.dir") == null) {
            long ratchet = Long.parseLong(Files.readString(MODULE.resolve("conformance-ratchet.txt")).trim());
            assertThat(passed).as("conformance pass count against the ratchet").isGreaterThanOrEqualTo(ratchet);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
