package io.stepwise.integrations.s3;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.engine.port.MapRunIoException;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code InputType: JSON}: the elements of the object's top-level array, or of the array {@code ItemsPointer}
 * points to. The cursor is the byte offset of the next element; a later page reads from there (prefixed with
 * {@code [} so that the rest of the array parses as one) and never re-reads earlier elements.
 */
final class JsonArrayItems {
    /** AWS's cause when the JSON (or the node ItemsPointer selects) is not an array. */
    static final String NOT_ITERABLE = "Attempting to map over non-iterable node.";

    private JsonArrayItems() {
    }

    static Chunk read(SourceObject object, ReaderSettings settings, ReaderCursor cursor, int limit) {
        boolean resuming = cursor.offset() > 0;
        try (SourceObject.ObjectStream body = object.open(cursor.offset())) {
            InputStream in = resuming
                    ? new SequenceInputStream(new ByteArrayInputStream(new byte[] {'['}), body.in())
                    : body.in();
            long base = resuming ? cursor.offset() - 1 : 0;
            JsonParser parser = Json.MAPPER.createParser(in);
            JsonToken token = parser.nextToken();
            if (!resuming && settings.itemsPointer() != null) {
                token = JsonPointers.seek(parser, settings.itemsPointer());
            }
            if (token != JsonToken.START_ARRAY) {
                throw new MapRunIoException(StatesErrors.ITEM_READER_FAILED, NOT_ITERABLE);
            }
            List<JsonNode> items = new ArrayList<>();
            while (items.size() < limit) {
                token = parser.nextToken();
                if (token == JsonToken.END_ARRAY || token == null) {
                    return new Chunk(items, null);
                }
                items.add(parser.readValueAsTree());
            }
            token = parser.nextToken();
            if (token == JsonToken.END_ARRAY || token == null) {
                return new Chunk(items, null);
            }
            long next = base + parser.currentTokenLocation().getByteOffset();
            return new Chunk(items, new ReaderCursor(next, 0, 0, null));
        } catch (IOException e) {
            throw SourceObject.failed(e);
        }
    }
}
