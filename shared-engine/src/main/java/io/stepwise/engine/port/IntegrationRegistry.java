package io.stepwise.engine.port;

import java.util.Optional;

/** Finds the integration for a Task state's {@code Resource} ARN. */
@FunctionalInterface
public interface IntegrationRegistry {
    /** The integration for {@code resource}, or empty when nothing serves it (the task then fails). */
    Optional<Integration> find(String resource);
}
