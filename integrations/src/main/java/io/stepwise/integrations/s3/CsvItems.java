package io.stepwise.integrations.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code InputType: CSV}: one object per record, keyed by the header, every value a string; a record with fewer
 * fields than the header gets empty strings for the missing ones and extra fields are skipped, as AWS documents
 * (and the recorded cases show). Records are parsed by {@link CsvRecords}. The cursor is the byte offset of the
 * next record; with {@code FIRST_ROW} a later page reads the header again from the start of the object (one short
 * read, abandoned after the first record) rather than carrying it in the cursor.
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
        List<String> header = headers;
        if (header == null && cursor.offset() > 0) {
            header = firstRecord(object, delimiter);
        }
        try (SourceObject.ObjectStream body = object.open(cursor.offset())) {
            CsvRecords records = records(body, delimiter);
            List<String> record = records.next();
            if (header == null) {
                if (record == null) {
                    return new Chunk(List.of(), null);
                }
                header = record;
                record = records.next();
            }
            List<JsonNode> items = new ArrayList<>();
            while (items.size() < limit && record != null) {
                items.add(item(header, record));
                record = records.next();
            }
            if (record == null) {
                return new Chunk(items, null);
            }
            return new Chunk(items, new ReaderCursor(cursor.offset() + records.recordStart(), 0, cursor.file(), null));
        } catch (IOException e) {
            throw SourceObject.failed(e);
        }
    }

    private static List<String> firstRecord(SourceObject object, char delimiter) {
        try (SourceObject.ObjectStream body = object.open(0)) {
            List<String> first = records(body, delimiter).next();
            return first == null ? List.of() : first;
        } catch (IOException e) {
            throw SourceObject.failed(e);
        }
    }

    private static CsvRecords records(SourceObject.ObjectStream body, char delimiter) {
        return new CsvRecords(new BufferedInputStream(body.in(), 64 * 1024), delimiter);
    }

    private static ObjectNode item(List<String> header, List<String> record) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        for (int i = 0; i < header.size(); i++) {
            item.put(header.get(i), i < record.size() ? record.get(i) : "");
        }
        return item;
    }
}
