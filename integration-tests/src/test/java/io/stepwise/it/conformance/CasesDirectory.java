package io.stepwise.it.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the recorded cases: {@code -Dconformance.dir}, else {@code shared/conformance/cases} beside the repo; and
 * the recorded TestState calls, {@code test_state} inside or beside that directory.
 */
final class CasesDirectory {
    private CasesDirectory() {
    }

    static Optional<Path> locate() {
        String configured = System.getProperty("conformance.dir");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/conformance/cases");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** {@code test_state} inside the cases directory or beside it (as {@code shared/conformance} lays them out). */
    static Optional<Path> locateTestState() {
        return locate().flatMap(cases -> {
            if (cases.getFileName() != null && cases.getFileName().toString().equals("test_state")) {
                return Optional.empty();
            }
            for (Path candidate : new Path[] {cases.resolve("test_state"), cases.resolveSibling("test_state")}) {
                if (Files.isDirectory(candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        });
    }
}
