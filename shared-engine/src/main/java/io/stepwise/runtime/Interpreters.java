package io.stepwise.runtime;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.Interpreter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Parses each distinct definition text once; interpreters are immutable, so one serves every execution. */
public final class Interpreters {
    private static final int MAX_CACHED = 256;
    private final Map<String, Interpreter> byDefinition = new ConcurrentHashMap<>();

    public Interpreter forDefinition(String definition) {
        Interpreter cached = byDefinition.get(definition);
        if (cached != null) {
            return cached;
        }
        if (byDefinition.size() >= MAX_CACHED) {
            byDefinition.clear();
        }
        return byDefinition.computeIfAbsent(definition, text -> new Interpreter(DefinitionParser.parse(text)));
    }
}
