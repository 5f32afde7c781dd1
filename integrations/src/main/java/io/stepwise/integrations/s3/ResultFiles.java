package io.stepwise.integrations.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The result files of one status ({@code SUCCEEDED_0.json}, {@code SUCCEEDED_1.json}, ...), spooled to local
 * temporary files so that no Map Run's results are held in memory; a file is closed and the next one begun when
 * another entry would take it past the size limit (AWS: 5 GB).
 */
final class ResultFiles implements AutoCloseable {
    private static final byte[] OPEN = {'['};
    private static final byte[] SEPARATOR = {','};
    private static final byte[] CLOSE = {']'};
    private static final byte[] NEWLINE = {'\n'};

    private final String status;
    private final boolean jsonLines;
    private final long maxBytes;
    private final List<Spooled> files = new ArrayList<>();
    private OutputStream out;
    private long size;
    private int entries;

    /** A finished file: its name ({@code SUCCEEDED_0.json}), where it is spooled and its size in bytes. */
    record Spooled(String name, Path path, long size) {
    }

    ResultFiles(String status, boolean jsonLines, long maxBytes) {
        this.status = status;
        this.jsonLines = jsonLines;
        this.maxBytes = maxBytes;
    }

    void add(JsonNode entry) {
        try {
            byte[] bytes = Json.MAPPER.writeValueAsBytes(entry);
            // The entry, plus its newline (JSONL) or its separator and the closing bracket (JSON).
            long needed = bytes.length + (jsonLines ? 1 : 2);
            if (out != null && entries > 0 && size + needed > maxBytes) {
                finish();
            }
            if (out == null) {
                begin();
            }
            if (!jsonLines && entries > 0) {
                write(SEPARATOR);
            }
            write(bytes);
            if (jsonLines) {
                write(NEWLINE);
            }
            entries++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file of this status, finished. */
    List<Spooled> finish() {
        if (out != null) {
            try {
                if (!jsonLines) {
                    write(CLOSE);
                }
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Spooled last = files.remove(files.size() - 1);
            files.add(new Spooled(last.name(), last.path(), size));
            out = null;
        }
        return List.copyOf(files);
    }

    private void begin() throws IOException {
        Path path = Files.createTempFile("stepwise-results-", ".part");
        files.add(new Spooled(status + "_" + files.size() + (jsonLines ? ".jsonl" : ".json"), path, 0));
        out = new BufferedOutputStream(Files.newOutputStream(path), 64 * 1024);
        size = 0;
        entries = 0;
        if (!jsonLines) {
            write(OPEN);
        }
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        size += bytes.length;
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
            }
            for (Spooled file : files) {
                Files.deleteIfExists(file.path());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
