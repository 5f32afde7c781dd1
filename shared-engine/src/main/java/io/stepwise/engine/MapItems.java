package io.stepwise.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * A Map's items and its concurrency limit as its dialect reads them when the state starts.
 *
 * @param items the items (empty when an ItemReader supplies them)
 * @param maxConcurrency the most iterations running at once, 0 for no limit
 * @param afterItemsPath the items as TestState shows them after ItemsPath (JSONPath without an ItemReader),
 *     {@code null} in JSONata
 */
record MapItems(ArrayNode items, int maxConcurrency, ArrayNode afterItemsPath) {
}
