package io.stepwise.it.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code conformance-deviations.txt}: one {@code <case id> | <reason>} per line; {@code #} starts a comment. */
final class KnownDeviations {
    private KnownDeviations() {
    }

    static Map<String, String> load(Path file) throws IOException {
        Map<String, String> deviations = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return deviations;
        }
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int bar = trimmed.indexOf(" | ");
            if (bar < 0) {
                throw new IllegalArgumentException("deviation without a reason: " + line);
            }
            deviations.put(trimmed.substring(0, bar).strip(), trimmed.substring(bar + 3).strip());
        }
        return deviations;
    }
}
