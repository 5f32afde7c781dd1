package io.stepwise.it.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the recorded cases: {@code -Dconformance.dir}, else {@code shared/conformance/cases} beside the repo. */
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
}
