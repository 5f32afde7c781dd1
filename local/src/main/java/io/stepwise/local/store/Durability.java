package io.stepwise.local.store;

/** When SQLite reports a commit done, and so what an acknowledged write survives. */
public enum Durability {
    /**
     * The default: every commit (one per group of concurrent callers) is fsynced before its callers are answered,
     * so an acknowledged write survives a power loss or an OS crash. SQLite's {@code synchronous=FULL} in WAL mode.
     */
    FULL("FULL"),
    /**
     * For throwaway data: commits survive the process crashing but the last ones may be lost with the machine
     * (power loss, OS crash). SQLite's {@code synchronous=NORMAL} in WAL mode, which fsyncs only at checkpoints.
     */
    RELAXED("NORMAL");

    final String synchronous;

    Durability(String synchronous) {
        this.synchronous = synchronous;
    }
}
