package io.stepwise.asl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds and reads the recorded AWS cases under {@code shared/conformance/cases}. */
final class ConformanceCases {
    private ConformanceCases() {
    }

    /** Walks up from the working directory, since the worktree sits next to {@code shared}. */
    static Optional<Path> directory() {
        for (Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path cases = dir.resolve("shared/conformance/cases");
            if (Files.isDirectory(cases)) {
                return Optional.of(cases);
            }
        }
        return Optional.empty();
    }

    static List<Path> files(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return Json.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
