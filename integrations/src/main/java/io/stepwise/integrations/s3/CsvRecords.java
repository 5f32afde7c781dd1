package io.stepwise.integrations.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a delimited text, parsed by the rules AWS documents for the Distributed Map ("How Step Functions
 * parses input CSV files"), which are not RFC 4180's and which no CSV library implements: a doubled double quote
 * is a quote inside or outside a quoted section ({@code {""k"":1}} reads {@code {"k":1}}); a single double quote
 * opens or closes a section where delimiters and newlines are text; a backslash escapes a backslash, a double
 * quote or the delimiter, and before any other character it is dropped; newlines separate records, and empty
 * lines hold none.
 *
 * <p>It works on bytes, which UTF-8 allows (no byte of a multi-byte character is ASCII), so each record's byte
 * offset is exact and a later page can start there with a ranged GET.
 */
final class CsvRecords {
    private final InputStream in;
    private final int delimiter;
    private long position;
    private long recordStart;
    private int pushedBack = -2;

    /** @param in a buffered stream; reading it byte by byte must be cheap */
    CsvRecords(InputStream in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    /** The byte offset, from where this reader started, of the record {@link #next()} last returned. */
    long recordStart() {
        return recordStart;
    }

    /** The next record's fields, or {@code null} at the end. */
    List<String> next() throws IOException {
        while (true) {
            recordStart = position;
            int c = read();
            if (c == -1) {
                return null;
            }
            if (c == '\n') {
                continue;
            }
            if (c == '\r') {
                int d = read();
                if (d == '\n' || d == -1) {
                    continue;
                }
                unread(d);
            }
            return record(c);
        }
    }

    /** The record whose first byte, {@code first}, was just read. */
    private List<String> record(int first) throws IOException {
        List<String> fields = new ArrayList<>();
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        boolean quoted = false;
        boolean fieldStart = true;
        for (int c = first; ; c = read()) {
            if (c == -1) {
                fields.add(text(field, false));
                return fields;
            }
            if (c == '\\') {
                int d = read();
                if (d == '\\' || d == '"' || d == delimiter) {
                    field.write(d);
                } else if (d != -1) {
                    unread(d);
                }
                fieldStart = false;
            } else if (c == '"') {
                int d = read();
                if (d != '"') {
                    unread(d);
                    quoted = !quoted;
                } else if (!(fieldStart && endsField(peek()))) {
                    field.write('"');
                }
                fieldStart = false;
            } else if (!quoted && c == delimiter) {
                fields.add(text(field, false));
                field.reset();
                fieldStart = true;
            } else if (!quoted && c == '\n') {
                fields.add(text(field, true));
                return fields;
            } else {
                field.write(c);
                fieldStart = false;
            }
        }
    }

    private boolean endsField(int c) {
        return c == -1 || c == delimiter || c == '\n' || c == '\r';
    }

    private static String text(ByteArrayOutputStream field, boolean lineEnd) {
        byte[] bytes = field.toByteArray();
        int length = bytes.length;
        if (lineEnd && length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private int peek() throws IOException {
        int c = read();
        unread(c);
        return c;
    }

    private int read() throws IOException {
        int c;
        if (pushedBack != -2) {
            c = pushedBack;
            pushedBack = -2;
        } else {
            c = in.read();
        }
        if (c != -1) {
            position++;
        }
        return c;
    }

    private void unread(int c) {
        pushedBack = c;
        if (c != -1) {
            position--;
        }
    }
}
