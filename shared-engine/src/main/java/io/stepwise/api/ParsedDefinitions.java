package io.stepwise.api;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.asl.StateMachineDefinition;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses each distinct definition text once for the Express paths (StartSyncExecution, asynchronous Express
 * StartExecution). A parsed definition is immutable, and a revision's text never changes, so the text is the key:
 * an update stores a new text and so gets a new entry.
 */
final class ParsedDefinitions {
    private static final int MAX_CACHED = 256;
    private final Map<String, StateMachineDefinition> byText = new ConcurrentHashMap<>();

    StateMachineDefinition parse(String definition) {
        StateMachineDefinition cached = byText.get(definition);
        if (cached != null) {
            return cached;
        }
        if (byText.size() >= MAX_CACHED) {
            byText.clear();
        }
        return byText.computeIfAbsent(definition, DefinitionParser::parse);
    }
}
