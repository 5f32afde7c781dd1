package io.stepwise.local.server;

import java.nio.file.Path;

/**
 * How {@code stepwise serve} runs.
 *
 * @param dataDir where the SQLite database lives; ignored when {@code inMemory}
 * @param port the port to bind on {@code host}; 0 picks a free one
 * @param virtualTime whether timers fire at once instead of at their due time
 */
public record ServeOptions(String host, int port, Path dataDir, boolean inMemory, boolean virtualTime) {
    public static final int DEFAULT_PORT = 8083;

    public static ServeOptions defaults() {
        return new ServeOptions("127.0.0.1", DEFAULT_PORT, Path.of(System.getProperty("user.home"), ".stepwise"),
                false, false);
    }

    public ServeOptions withPort(int newPort) {
        return new ServeOptions(host, newPort, dataDir, inMemory, virtualTime);
    }

    public ServeOptions withDataDir(Path newDataDir) {
        return new ServeOptions(host, port, newDataDir, inMemory, virtualTime);
    }

    public ServeOptions withInMemory(boolean newInMemory) {
        return new ServeOptions(host, port, dataDir, newInMemory, virtualTime);
    }

    public ServeOptions withVirtualTime(boolean newVirtualTime) {
        return new ServeOptions(host, port, dataDir, inMemory, newVirtualTime);
    }
}
