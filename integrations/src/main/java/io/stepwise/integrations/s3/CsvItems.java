package io.stepwise.integrations.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code InputType: CSV}: one object per record, keyed by the header, every value a string. As AWS documents
 * it: a record with fewer fields than the header gets empty strings for the missing ones, extra fields are
 * skipped, double quotes enclose delimiters and newlines, backslash escapes. The cursor is the byte offset of
 * the next record; with {@code FIRST_ROW} a later page reads the header again from the start of the object (one
 * short ranged read) rather than carrying it in the cursor.
 */
final class CsvItems {
    private CsvItems() {
    }

    static Chunk read(SourceObject object, ReaderSettings settings, ReaderCursor cursor, int limit) {
        return read(object, settings.delimiter(), settings.headerLocation().equals("GIVEN") ? settings.headers() : null,
                cursor, limit);
    }

    /**
     * @param headers the header, or {@code null} when it is the object's first record
     */
    static Chunk read(SourceObject object, char delimiter, List<String> headers, ReaderCursor cursor, int limit) {
        CSVFormat format = format(delimiter);
        List<String> header = headers;
        if (header == null && cursor.offset() > 0) {
            header = firstRecord(object, format);
        }
        // Only the body is closed, and first: closing the parser would close the body's stream before its abort.
        try (SourceObject.ObjectStream body = object.open(cursor.offset())) {
            Iterator<CSVRecord> records = parser(body.in(), format).iterator();
            if (header == null) {
                if (!records.hasNext()) {
                    return new Chunk(List.of(), null);
                }
                header = values(records.next());
            }
            List<JsonNode> items = new ArrayList<>();
            while (items.size() < limit && records.hasNext()) {
                items.add(item(header, records.next()));
            }
            if (!records.hasNext()) {
                return new Chunk(items, null);
            }
            long next = cursor.offset() + records.next().getBytePosition();
            return new Chunk(items, new ReaderCursor(next, 0, cursor.file(), null));
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw SourceObject.failed(e);
        }
    }

    private static List<String> firstRecord(SourceObject object, CSVFormat format) {
        try (SourceObject.ObjectStream body = object.open(0)) {
            Iterator<CSVRecord> records = parser(body.in(), format).iterator();
            return records.hasNext() ? values(records.next()) : List.of();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw SourceObject.failed(e);
        }
    }

    private static CSVFormat format(char delimiter) {
        return CSVFormat.Builder.create()
                .setDelimiter(delimiter)
                .setQuote('"')
                .setEscape('\\')
                .setRecordSeparator('\n')
                .setIgnoreEmptyLines(true)
                .get();
    }

    private static CSVParser parser(InputStream in, CSVFormat format) throws IOException {
        return CSVParser.builder()
                .setInputStream(in)
                .setCharset(StandardCharsets.UTF_8)
                .setFormat(format)
                .setTrackBytes(true)
                .get();
    }

    private static List<String> values(CSVRecord record) {
        return record.toList();
    }

    private static ObjectNode item(List<String> header, CSVRecord record) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        for (int i = 0; i < header.size(); i++) {
            item.put(header.get(i), i < record.size() ? record.get(i) : "");
        }
        return item;
    }
}
