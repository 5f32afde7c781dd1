package io.stepwise.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVM flags the {@code stepwise} launcher starts the CLI with, from {@code stepwise.jvm-options} at the root of
 * the checkout: a server the benchmark starts as its own process runs with them, as users get it.
 */
final class ShippedJvmFlags {
    static final String FILE = "stepwise.jvm-options";

    private ShippedJvmFlags() {
    }

    /** The flags of {@code root}'s options file, one a line, without blank lines and comments. */
    static List<String> of(Path root) throws IOException {
        return Files.readAllLines(root.resolve(FILE)).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }
}
