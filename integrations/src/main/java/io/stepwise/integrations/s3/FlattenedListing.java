package io.stepwise.integrations.s3;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code s3:listObjectsV2} with {@code Transformation: LOAD_AND_FLATTEN}: the items inside every listed object,
 * each read as {@code InputType} says, object after object in key order. Empty objects (the "folders" the S3
 * console creates) hold no items. The cursor is the last key read to its end and the offset inside the next one.
 */
final class FlattenedListing {
    private FlattenedListing() {
    }

    static Chunk read(S3Client s3, String bucket, String prefix, ReaderSettings settings, ReaderCursor cursor,
            int limit) {
        List<JsonNode> items = new ArrayList<>();
        String after = cursor.after();
        long offset = cursor.offset();
        try {
            while (true) {
                String startAfter = after;
                ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).startAfter(startAfter));
                for (S3Object listed : page.contents()) {
                    if (listed.size() != null && listed.size() > 0) {
                        SourceObject object = SourceObject.latest(s3, bucket, listed.key());
                        Chunk chunk = ObjectItems.read(object, settings, new ReaderCursor(offset, 0, 0, null),
                                limit - items.size());
                        items.addAll(chunk.items());
                        if (chunk.next() != null) {
                            return new Chunk(items, new ReaderCursor(chunk.next().offset(), 0, 0, after));
                        }
                    }
                    after = listed.key();
                    offset = 0;
                    if (items.size() >= limit) {
                        return new Chunk(items, new ReaderCursor(0, 0, 0, after));
                    }
                }
                if (!Boolean.TRUE.equals(page.isTruncated()) || page.contents().isEmpty()) {
                    return new Chunk(items, null);
                }
            }
        } catch (SdkException e) {
            throw SourceObject.failed(e);
        }
    }
}
