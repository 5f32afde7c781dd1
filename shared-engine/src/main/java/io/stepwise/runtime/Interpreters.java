package io.stepwise.runtime;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.EngineLimits;
import io.stepwise.engine.Interpreter;

/**
 * Parses each distinct definition text once; interpreters are immutable, so one serves every execution, and
 * it keeps the definition's compiled expressions with it. A revision's text never changes, so the text is the
 * key: an update stores a new text and so gets a new entry, and the least recently used ones are dropped.
 */
public final class Interpreters {
    /** Enough for every state machine of a busy account to stay parsed. */
    public static final int DEFAULT_CAPACITY = 256;

    private final BoundedCache<String, Interpreter> byDefinition;
    private final EngineLimits limits;

    public Interpreters() {
        this(DEFAULT_CAPACITY, EngineLimits.AWS);
    }

    public Interpreters(int capacity, EngineLimits limits) {
        this.byDefinition = new BoundedCache<>(capacity);
        this.limits = limits;
    }

    public Interpreter forDefinition(String definition) {
        return byDefinition.get(definition, text -> new Interpreter(DefinitionParser.parse(text), limits));
    }
}
