package io.stepwise.integrations.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code arn:aws:states:::s3:listObjectsV2}: one item per object under {@code Prefix}, shaped as AWS passes it to
 * a child execution: {@code {"Etag": "\"...\"", "Key": ..., "LastModified": <epoch seconds>, "Size": ...,
 * "StorageClass": ...}} (spelled {@code Etag}, as in AWS's documented example). The cursor is the last key read;
 * the next page lists from after it.
 */
final class ObjectListing {
    private static final int MAX_KEYS = 1000;

    private ObjectListing() {
    }

    static Chunk read(S3Client s3, String bucket, String prefix, String expectedOwner, ReaderCursor cursor,
            int limit) {
        List<JsonNode> items = new ArrayList<>();
        String after = cursor.after();
        try {
            while (true) {
                String startAfter = after;
                int want = Math.min(MAX_KEYS, limit - items.size());
                ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)
                        .startAfter(startAfter).maxKeys(want).expectedBucketOwner(expectedOwner));
                for (S3Object object : page.contents()) {
                    items.add(item(object));
                    after = object.key();
                }
                boolean more = Boolean.TRUE.equals(page.isTruncated());
                if (!more || page.contents().isEmpty()) {
                    return new Chunk(items, null);
                }
                if (items.size() >= limit) {
                    return new Chunk(items, new ReaderCursor(0, 0, 0, after));
                }
            }
        } catch (SdkException e) {
            throw SourceObject.failed(e);
        }
    }

    private static ObjectNode item(S3Object object) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("Etag", object.eTag());
        item.put("Key", object.key());
        item.put("LastModified", object.lastModified().getEpochSecond());
        item.put("Size", object.size());
        item.put("StorageClass", object.storageClassAsString());
        return item;
    }
}
