package io.stepwise.integrations.s3;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Items one format reader returned, and where reading goes on ({@code null} when the source has no more);
 * {@link ReaderCursor#returned()} of {@code next} is filled in by {@link S3ItemReader}, which counts across pages.
 */
record Chunk(List<JsonNode> items, ReaderCursor next) {
}
