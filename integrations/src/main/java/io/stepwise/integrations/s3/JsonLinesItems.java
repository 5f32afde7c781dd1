package io.stepwise.integrations.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code InputType: JSONL}: one item per non-blank line. The cursor is the byte offset of the next line, so a page
 * holds one line at a time and a later page starts with a ranged GET there.
 */
final class JsonLinesItems {
    private JsonLinesItems() {
    }

    static Chunk read(SourceObject object, ReaderCursor cursor, int limit) {
        try (SourceObject.ObjectStream body = object.open(cursor.offset())) {
            Lines lines = new Lines(new BufferedInputStream(body.in(), 64 * 1024), cursor.offset());
            List<JsonNode> items = new ArrayList<>();
            while (items.size() < limit) {
                if (!lines.next()) {
                    return new Chunk(items, null);
                }
                items.add(lines.json());
            }
            return lines.next() ? new Chunk(items, new ReaderCursor(lines.start, 0, 0, null)) : new Chunk(items, null);
        } catch (IOException e) {
            throw SourceObject.failed(e);
        }
    }

    /** The non-blank lines of a stream, each with the byte offset it starts at. */
    private static final class Lines {
        private final InputStream in;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private long position;
        private long start;

        Lines(InputStream in, long position) {
            this.in = in;
            this.position = position;
        }

        /** Reads up to the next non-blank line; {@code false} at the end of the stream. */
        boolean next() throws IOException {
            while (true) {
                line.reset();
                start = position;
                int b;
                while ((b = in.read()) != -1) {
                    position++;
                    if (b == '\n') {
                        break;
                    }
                    line.write(b);
                }
                if (!isBlank()) {
                    return true;
                }
                if (b == -1) {
                    return false;
                }
            }
        }

        JsonNode json() throws IOException {
            return Json.MAPPER.readTree(line.toByteArray());
        }

        private boolean isBlank() {
            byte[] bytes = line.toByteArray();
            for (byte b : bytes) {
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }
}
