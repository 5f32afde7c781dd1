package io.stepwise.engine.state;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The stored list of a Map's items not launched yet (inline Map's {@link ChildrenState}, Distributed Map's
 * {@link MapRunState}): launched items are dropped from it as the Map runs, so a wide Map's state shrinks instead of
 * carrying every item to the end.
 */
final class LaunchedItems {
    private LaunchedItems() {
    }

    /**
     * The list without its first {@code launched} items once they make up half of it, so each item is copied at most
     * once more; otherwise the list itself.
     */
    static ArrayNode dropLaunched(ArrayNode items, int launched) {
        if (launched < 64 || launched * 2 < items.size()) {
            return items;
        }
        ArrayNode rest = items.arrayNode(items.size() - launched);
        for (int i = launched; i < items.size(); i++) {
            rest.add(items.get(i));
        }
        return rest;
    }
}
