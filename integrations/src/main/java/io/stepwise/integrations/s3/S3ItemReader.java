package io.stepwise.integrations.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.ResourceArn;
import io.stepwise.engine.port.ItemPage;
import io.stepwise.engine.port.ItemReader;
import io.stepwise.engine.port.ItemSource;
import io.stepwise.engine.port.MapRunIoException;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.query.StatesErrors;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A Distributed Map's ItemReader over S3: {@code s3:getObject} with {@code InputType} {@code JSON} (optionally at
 * {@code ItemsPointer}), {@code JSONL}, {@code CSV} or {@code MANIFEST} (S3 Inventory), or {@code ManifestType}
 * {@code ATHENA_DATA}; {@code s3:listObjectsV2}, listing objects or ({@code LOAD_AND_FLATTEN}) reading them; gzip
 * objects ({@code .gz}). Every format streams, a page holds only its own items, and the cursor lets the next page
 * start where this one stopped. Calls are made as the reader's {@code Credentials.RoleArn} when it has one, like
 * the Task integrations'. Not read: {@code PARQUET} and ZSTD-compressed objects.
 */
public final class S3ItemReader implements ItemReader {
    private static final String SESSION = "stepwise-item-reader";

    private final AwsClients clients;

    public S3ItemReader(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public ItemPage read(ItemSource source, String cursorText, int maxItems) {
        ReaderSettings settings = ReaderSettings.of(source.readerConfig());
        ReaderCursor cursor = ReaderCursor.parse(cursorText);
        int limit = settings.pageLimit(cursor.returned(), maxItems);
        if (limit <= 0) {
            return new ItemPage(List.of(), null);
        }
        Chunk chunk = read(source, settings, cursor, limit);
        long returned = cursor.returned() + chunk.items().size();
        boolean capped = settings.maxItems() > 0 && returned >= settings.maxItems();
        ReaderCursor next = chunk.next();
        String nextText = next == null || capped ? null
                : new ReaderCursor(next.offset(), returned, next.file(), next.after()).text();
        return new ItemPage(chunk.items(), nextText);
    }

    private Chunk read(ItemSource source, ReaderSettings settings, ReaderCursor cursor, int limit) {
        JsonNode arguments = source.arguments();
        S3Client s3 = clients.client(AwsService.S3, roleArn(source.credentials()), SESSION);
        String bucket = required(arguments, "Bucket");
        String action = action(source.resource());
        if (action.equals("listObjectsV2")) {
            String prefix = optional(arguments, "Prefix");
            return settings.transformation().equals("LOAD_AND_FLATTEN")
                    ? FlattenedListing.read(s3, bucket, prefix, settings, cursor, limit)
                    : ObjectListing.read(s3, bucket, prefix, optional(arguments, "ExpectedBucketOwner"), cursor, limit);
        }
        if (!action.equals("getObject")) {
            throw new MapRunIoException(StatesErrors.ITEM_READER_FAILED,
                    "Unsupported ItemReader resource: " + source.resource());
        }
        SourceObject object = new SourceObject(s3, bucket, required(arguments, "Key"), optional(arguments, "VersionId"),
                optional(arguments, "ExpectedBucketOwner"));
        if ("ATHENA_DATA".equals(settings.manifestType())) {
            return AthenaManifest.read(object, settings, cursor, limit);
        }
        if ("MANIFEST".equals(settings.inputType())) {
            return ManifestItems.read(object, cursor, limit);
        }
        return ObjectItems.read(object, settings, cursor, limit);
    }

    private static String action(String resource) {
        if (ResourceArn.parse(resource).orElse(null) instanceof ResourceArn.ServiceIntegration service
                && service.service().equals("s3")) {
            return service.action();
        }
        throw new MapRunIoException(StatesErrors.ITEM_READER_FAILED, "Unsupported ItemReader resource: " + resource);
    }

    private static String required(JsonNode arguments, String field) {
        JsonNode value = arguments == null ? null : arguments.get(field);
        if (value == null || !value.isTextual()) {
            throw new MapRunIoException(StatesErrors.ITEM_READER_FAILED,
                    "The ItemReader's " + field + " must be a string.");
        }
        return value.textValue();
    }

    private static String optional(JsonNode arguments, String field) {
        return arguments.hasNonNull(field) ? arguments.path(field).asText() : null;
    }

    static String roleArn(JsonNode credentials) {
        return credentials != null && credentials.path("RoleArn").isTextual()
                ? credentials.path("RoleArn").textValue() : null;
    }
}
