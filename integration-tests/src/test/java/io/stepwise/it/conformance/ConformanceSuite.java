package io.stepwise.it.conformance;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case recorded against real AWS, run on the engine and compared with AWS's whole history. A case
 * that fails must be listed in {@code conformance-deviations.txt} with its reason; the pass count may only
 * rise ({@code conformance-ratchet.txt}). Prints {@code conformance: N passed, M failed, K skipped} and
 * writes {@code target/conformance-report.json}. {@link ServerConformanceSuite} runs the same cases through
 * the local server.
 */
class ConformanceSuite {
    private static final ConformanceReport REPORT = new ConformanceReport(null, "conformance-report.json");

    @TestFactory
    Stream<DynamicTest> recordedCases() throws IOException {
        return REPORT.cases(CaseRunner::run);
    }

    @AfterAll
    static void report() throws IOException {
        REPORT.finish();
    }
}
