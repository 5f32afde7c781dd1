package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.jsonata.JsonataTemplate;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The compiled JSONata templates of one definition, each compiled the first time a state uses it. Owned by
 * the {@link Interpreter}, so it holds at most one entry per field of that definition and goes away with it.
 * Definitions are immutable, so a field's node is its key.
 */
final class JsonataTemplates {
    private final Map<JsonNode, JsonataTemplate> byNode = new IdentityHashMap<>();

    synchronized JsonataTemplate of(JsonNode node) {
        return byNode.computeIfAbsent(node, JsonataTemplate::compile);
    }
}
