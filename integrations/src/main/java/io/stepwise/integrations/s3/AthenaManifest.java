package io.stepwise.integrations.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.engine.port.MapRunIoException;
import io.stepwise.query.StatesErrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ManifestType: ATHENA_DATA}: the manifest an Athena {@code UNLOAD} writes lists its data files as
 * {@code s3://bucket/key}, one a line; their items are read as {@code InputType} says, file after file. The
 * cursor names the file (its line) and the offset in it.
 */
final class AthenaManifest {
    private AthenaManifest() {
    }

    static Chunk read(SourceObject manifest, ReaderSettings settings, ReaderCursor cursor, int limit) {
        List<String> files = files(manifest);
        List<JsonNode> items = new ArrayList<>();
        ReaderCursor at = cursor;
        while (at.file() < files.size()) {
            String uri = files.get(at.file());
            String path = uri.startsWith("s3://") ? uri.substring("s3://".length()) : "";
            int slash = path.indexOf('/');
            if (slash < 1) {
                throw new MapRunIoException(StatesErrors.ITEM_READER_FAILED,
                        "The Athena manifest lists a file that is not an S3 URI: " + uri);
            }
            SourceObject file = SourceObject.latest(manifest.s3(), path.substring(0, slash), path.substring(slash + 1));
            Chunk chunk = ObjectItems.read(file, settings, new ReaderCursor(at.offset(), 0, 0, null),
                    limit - items.size());
            items.addAll(chunk.items());
            if (chunk.next() != null) {
                return new Chunk(items, new ReaderCursor(chunk.next().offset(), 0, at.file(), null));
            }
            at = new ReaderCursor(0, 0, at.file() + 1, null);
            if (items.size() >= limit) {
                return new Chunk(items, at.file() < files.size() ? at : null);
            }
        }
        return new Chunk(items, null);
    }

    private static List<String> files(SourceObject manifest) {
        List<String> files = new ArrayList<>();
        try (SourceObject.ObjectStream body = manifest.open(0)) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(body.in(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String uri = line.strip();
                if (uri.startsWith("\"") && uri.endsWith("\"") && uri.length() > 1) {
                    uri = uri.substring(1, uri.length() - 1);
                }
                if (!uri.isEmpty()) {
                    files.add(uri);
                }
            }
        } catch (IOException e) {
            throw SourceObject.failed(e);
        }
        return files;
    }
}
