package io.stepwise.engine.state;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Lifts a stored {@link ExecutionState} from one format version to the next, on its JSON tree, so that a state
 * written by an older Stepwise is read as this one would have written it. {@link StateFormat} runs the upgrades
 * in order and sets {@code formatVersion} itself.
 */
@FunctionalInterface
public interface StateUpgrade {
    /** The state of version {@code n}, rewritten into version {@code n + 1}; may change and return its argument. */
    ObjectNode upgrade(ObjectNode state);
}
