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
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * What the two conformance suites (in memory, through the server) share: the recorded cases as dynamic tests, the
 * known deviations, the outcome list, the printed count, the JSON report and the ratchet.
 */
final class ConformanceReport {
    static final Path MODULE = Path.of(System.getProperty("user.dir"));

    private final String label;
    private final String reportFile;
    private final String ratchetFile;
    private final List<CaseOutcome> outcomes = new ArrayList<>();

    /** {@code label} goes into the printed line ({@code conformance (label): ...}); null for none. */
    ConformanceReport(String label, String reportFile) {
        this(label, reportFile, "conformance-ratchet.txt");
    }

    /** As {@link #ConformanceReport(String, String)}, held to the pass count in {@code ratchetFile} instead. */
    ConformanceReport(String label, String reportFile, String ratchetFile) {
        this.label = label;
        this.reportFile = reportFile;
        this.ratchetFile = ratchetFile;
    }

    /** One dynamic test per recorded case; {@code runner} answers null for a match, else the first difference. */
    Stream<DynamicTest> cases(Function<JsonNode, String> runner) throws IOException {
        return cases(runner, 1);
    }

    /**
     * As {@link #cases(Function)}, over every {@code every}-th case of the whole corpus (cases and TestState calls,
     * in file order, starting with the first): a fixed sample across every category.
     */
    Stream<DynamicTest> cases(Function<JsonNode, String> runner, int every) throws IOException {
        Path directory = CasesDirectory.locate().orElse(null);
        Assumptions.assumeTrue(directory != null, "no conformance cases found (shared/conformance/cases)");
        Map<String, String> deviations = KnownDeviations.load(MODULE.resolve("conformance-deviations.txt"));
        List<Path> files = new ArrayList<>(jsonFiles(directory));
        for (Optional<Path> kind : List.of(CasesDirectory.locateTestState(), CasesDirectory.locateServices())) {
            if (kind.isPresent() && !kind.get().startsWith(directory)) {
                files.addAll(jsonFiles(kind.get()));
            }
        }
        List<Path> sample = new ArrayList<>();
        for (int i = 0; i < files.size(); i += every) {
            sample.add(files.get(i));
        }
        return sample.stream().map(file -> {
            JsonNode testCase = read(file);
            String id = testCase.path("id").asText(file.getFileName().toString());
            return DynamicTest.dynamicTest(id, () -> runCase(id, testCase, deviations, runner));
        });
    }

    private static List<Path> jsonFiles(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private void runCase(String id, JsonNode testCase, Map<String, String> deviations,
            Function<JsonNode, String> runner) {
        String category = testCase.path("category").asText();
        String difference;
        try {
            difference = runner.apply(testCase);
        } catch (CaseSkipped e) {
            record(new CaseOutcome(id, category, CaseOutcome.Result.SKIPPED, e.getMessage()));
            Assumptions.abort(e.getMessage());
            return;
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

    private synchronized void record(CaseOutcome outcome) {
        outcomes.add(outcome);
    }

    /** Prints the counts, writes {@code target/<reportFile>} and holds the pass count to the ratchet. */
    synchronized void finish() throws IOException {
        if (outcomes.isEmpty()) {
            return;
        }
        long passed = outcomes.stream().filter(o -> o.result() == CaseOutcome.Result.PASSED).count();
        long failed = outcomes.stream().filter(o -> o.result() == CaseOutcome.Result.FAILED).count();
        long skipped = outcomes.stream().filter(o -> o.result() == CaseOutcome.Result.SKIPPED).count();
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("passed", passed).put("failed", failed).put("skipped", skipped);
        Map<String, int[]> byCategory = new LinkedHashMap<>();
        ArrayNode cases = report.putArray("cases");
        for (CaseOutcome o : outcomes) {
            ObjectNode node = cases.addObject().put("id", o.id()).put("result", o.result().name());
            if (o.detail() != null) {
                node.put("detail", o.detail());
            }
            byCategory.computeIfAbsent(o.category(), k -> new int[3])[o.result().ordinal()]++;
        }
        ObjectNode categories = report.putObject("categories");
        byCategory.forEach((k, v) -> categories.putObject(k).put("passed", v[0]).put("failed", v[1]).put("skipped", v[2]));
        Files.createDirectories(MODULE.resolve("target"));
        Files.writeString(MODULE.resolve("target").resolve(reportFile),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.println("conformance" + (label == null ? "" : " (" + label + ")") + ": " + passed + " passed, "
                + failed + " failed, " + skipped + " skipped");
        long testStatePassed = outcomes.stream().filter(o -> o.category().startsWith("test_state/")
                && o.result() == CaseOutcome.Result.PASSED).count();
        long testStateAll = outcomes.stream().filter(o -> o.category().startsWith("test_state/")).count();
        if (testStateAll > 0) {
            System.out.println("conformance" + (label == null ? "" : " (" + label + ")") + " TestState calls: "
                    + testStatePassed + " of " + testStateAll + " passed");
        }
        long servicesPassed = outcomes.stream().filter(o -> o.category().startsWith("services/")
                && o.result() == CaseOutcome.Result.PASSED).count();
        long servicesAll = outcomes.stream().filter(o -> o.category().startsWith("services/")).count();
        if (servicesAll > 0) {
            System.out.println("conformance" + (label == null ? "" : " (" + label + ")")
                    + " service-integration cases: " + servicesPassed + " of " + servicesAll + " passed");
        }
        if (System.getProperty("conformance.dir") == null) {
            long ratchet = Long.parseLong(Files.readString(MODULE.resolve(ratchetFile)).trim());
            if (skipped > 0) {
                // Cases skip only when a service they need (moto) is missing here: the ratchet cannot ask them.
                System.out.println("conformance: " + skipped + " case(s) skipped for a missing service; the ratchet "
                        + ratchet + " is lowered by as many");
            }
            assertThat(passed).as("conformance pass count against the ratchet")
                    .isGreaterThanOrEqualTo(ratchet - skipped);
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
