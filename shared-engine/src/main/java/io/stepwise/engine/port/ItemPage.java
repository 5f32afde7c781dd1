package io.stepwise.engine.port;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of a Distributed Map's items, in reading order.
 *
 * @param nextCursor where the next page starts (opaque, small, storable in the parent's state), or {@code null}
 *     when the source has no more items
 */
public record ItemPage(List<JsonNode> items, String nextCursor) {
    public ItemPage {
        items = List.copyOf(items);
    }
}
