package io.stepwise.integrations.s3;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.stepwise.engine.port.MapRunIoException;
import io.stepwise.query.StatesErrors;
import java.io.IOException;

/** Follows a JSON pointer (RFC 6901) through a token stream without building the document. */
final class JsonPointers {
    private JsonPointers() {
    }

    /**
     * Moves {@code parser}, positioned on the root value's first token, to the first token of the node
     * {@code pointer} names, and returns that token.
     */
    static JsonToken seek(JsonParser parser, String pointer) throws IOException {
        JsonToken token = parser.currentToken();
        if (pointer.isEmpty() || pointer.equals("/")) {
            return token;
        }
        if (!pointer.startsWith("/")) {
            throw missing(pointer);
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            String segment = raw.replace("~1", "/").replace("~0", "~");
            if (token == JsonToken.START_OBJECT) {
                token = field(parser, segment, pointer);
            } else if (token == JsonToken.START_ARRAY) {
                token = element(parser, segment, pointer);
            } else {
                throw missing(pointer);
            }
        }
        return token;
    }

    private static JsonToken field(JsonParser parser, String name, String pointer) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals(name)) {
                return value;
            }
            parser.skipChildren();
        }
        throw missing(pointer);
    }

    private static JsonToken element(JsonParser parser, String segment, String pointer) throws IOException {
        int index;
        try {
            index = Integer.parseInt(segment);
        } catch (NumberFormatException e) {
            throw missing(pointer);
        }
        for (int i = 0; ; i++) {
            JsonToken value = parser.nextToken();
            if (value == JsonToken.END_ARRAY || value == null) {
                throw missing(pointer);
            }
            if (i == index) {
                return value;
            }
            parser.skipChildren();
        }
    }

    private static MapRunIoException missing(String pointer) {
        return new MapRunIoException(StatesErrors.ITEM_READER_FAILED,
                "ItemsPointer '" + pointer + "' does not select a node of the JSON object.");
    }
}
