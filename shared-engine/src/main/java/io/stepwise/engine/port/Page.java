package io.stepwise.engine.port;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param nextToken an opaque token that continues the listing, or {@code null} on the last page
 */
public record Page<T>(List<T> items, String nextToken) {
    public Page {
        items = List.copyOf(items);
    }
}
