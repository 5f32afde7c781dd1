package io.stepwise.functions;

import java.util.Map;

/** Builds the adapters of a function from its environment (table and queue names, see {@link Environment}). */
@FunctionalInterface
public interface AdapterFactory {

    /**
     * Opens the adapters once per function instance, at initialisation (before the SnapStart snapshot).
     *
     * @throws IllegalStateException when the environment lacks what the adapters need
     */
    Adapters open(Map<String, String> environment);
}
