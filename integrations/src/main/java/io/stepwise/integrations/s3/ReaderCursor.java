package io.stepwise.integrations.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;

/**
 * Where the next page of an S3 ItemReader starts; stored by the caller as an opaque text, so it stays a few dozen
 * bytes however large the object is.
 *
 * @param offset   the byte offset of the next item in the object (or in the current manifest file, decompressed)
 * @param returned how many items earlier pages returned, which {@code MaxItems} is counted against
 * @param file     the index of the current data file of a manifest
 * @param after    the last key a listing returned (the next page lists from after it), or {@code null}
 */
record ReaderCursor(long offset, long returned, int file, String after) {

    static final ReaderCursor START = new ReaderCursor(0, 0, 0, null);

    static ReaderCursor parse(String text) {
        if (text == null) {
            return START;
        }
        JsonNode node = Json.parse(text);
        return new ReaderCursor(node.path("o").asLong(), node.path("n").asLong(), node.path("f").asInt(),
                node.hasNonNull("k") ? node.path("k").asText() : null);
    }

    String text() {
        ObjectNode node = Json.MAPPER.createObjectNode().put("o", offset).put("n", returned);
        if (file != 0) {
            node.put("f", file);
        }
        if (after != null) {
            node.put("k", after);
        }
        return Json.write(node);
    }
}
