package io.stepwise.integrations.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.engine.port.MapRunIoException;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code InputType: MANIFEST}: an S3 Inventory {@code manifest.json}, read as the objects its CSV data files
 * (usually gzip) list: one item per row, keyed by the manifest's {@code fileSchema}, every value a string (AWS's
 * example: {@code {"LastModifiedDate": "...", "Bucket": "...", "Size": "3399671", "Key": "..."}}). The manifest
 * itself is small and read again for every page; the cursor names the data file and the offset in it.
 */
final class ManifestItems {
    private ManifestItems() {
    }

    static Chunk read(SourceObject manifestObject, ReaderCursor cursor, int limit) {
        JsonNode manifest;
        try (SourceObject.ObjectStream body = manifestObject.open(0)) {
            manifest = Json.MAPPER.readTree(body.in());
        } catch (IOException e) {
            throw SourceObject.failed(e);
        }
        if (!"CSV".equals(manifest.path("fileFormat").asText())) {
            throw new MapRunIoException(StatesErrors.ITEM_READER_FAILED,
                    "Only S3 inventory reports in CSV format are supported, not " + manifest.path("fileFormat").asText());
        }
        String destination = manifest.path("destinationBucket").asText();
        String bucket = destination.substring(destination.lastIndexOf(':') + 1);
        List<String> schema = Arrays.stream(manifest.path("fileSchema").asText().split(",")).map(String::trim).toList();
        JsonNode files = manifest.path("files");
        List<JsonNode> items = new ArrayList<>();
        ReaderCursor at = cursor;
        while (at.file() < files.size()) {
            SourceObject file = SourceObject.latest(manifestObject.s3(), bucket,
                    files.get(at.file()).path("key").asText());
            Chunk chunk = CsvItems.read(file, ',', schema, at, limit - items.size());
            items.addAll(chunk.items());
            if (chunk.next() != null) {
                return new Chunk(items, chunk.next());
            }
            at = new ReaderCursor(0, 0, at.file() + 1, null);
            if (items.size() == limit) {
                return new Chunk(items, at.file() < files.size() ? at : null);
            }
        }
        return new Chunk(items, null);
    }
}
