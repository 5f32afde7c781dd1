package io.stepwise.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** File access for the CLI that turns I/O failures into a message for the user. */
final class CliFiles {
    private CliFiles() {
    }

    static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliError.input("cannot read " + file + ": " + describe(e));
        }
    }

    static void write(String file, String content) {
        try {
            Files.writeString(Path.of(file), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliError.input("cannot write " + file + ": " + describe(e));
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
