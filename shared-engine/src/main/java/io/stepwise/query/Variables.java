package io.stepwise.query;

import com.fasterxml.jackson.databind.JsonNode;

/** Read access to workflow variables visible from the current state (all enclosing scopes). */
@FunctionalInterface
public interface Variables {
    Variables NONE = name -> null;

    /** The value bound to {@code name}, or {@code null} when no visible scope defines it. */
    JsonNode lookup(String name);
}
