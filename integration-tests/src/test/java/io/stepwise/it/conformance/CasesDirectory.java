package io.stepwise.it.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the recorded cases: {@code -Dconformance.dir}, else {@code shared/conformance/cases} beside the repo; and
 * the recorded TestState calls and service-integration cases, {@code test_state} and {@code services} inside or
 * beside that directory.
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
        return locateKind("test_state");
    }

    /** {@code services} (the service-integration cases) inside the cases directory or beside it. */
    static Optional<Path> locateServices() {
        return locateKind("services");
    }

    private static Optional<Path> locateKind(String kind) {
        return locate().flatMap(cases -> {
            if (cases.getFileName() != null && cases.getFileName().toString().equals(kind)) {
                return Optional.of(cases);
            }
            for (Path candidate : new Path[] {cases.resolve(kind), cases.resolveSibling(kind)}) {
                if (Files.isDirectory(candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        });
    }
}
