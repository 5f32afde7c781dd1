package io.stepwise.local.server;

import io.stepwise.local.config.FunctionSource;
import io.stepwise.local.store.Durability;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@code stepwise serve} runs.
 *
 * @param dataDir where the SQLite database lives; ignored when {@code inMemory}
 * @param port the port to bind on {@code host}; 0 picks a free one
 * @param virtualTime whether timers fire at once instead of at their due time
 * @param config the {@code --config} file, or {@code null}
 * @param functions {@code --function NAME=Class} handlers, which win over functions of the same name in
 *     {@code config}
 * @param mockConfig an AWS Step Functions Local mock configuration file, or {@code null}
 * @param durability whether an acknowledged write is on disk ({@code FULL}, the default) or may be lost with the
 *     machine ({@code RELAXED}, for throwaway data); ignored when {@code inMemory}
 * @param accessKeys the keys requests must be signed with (SigV4); none means unsigned requests are answered,
 *     which only a loopback {@code host} allows
 * @param account {@code --account}, the twelve-digit account of every ARN, or {@code null} for
 *     {@code STEPWISE_ACCOUNT} or, without it, 123456789012
 */
public record ServeOptions(String host, int port, Path dataDir, boolean inMemory, boolean virtualTime, Path config,
        Map<String, FunctionSource> functions, Path mockConfig, Durability durability, AccessKeys accessKeys,
        String account) {
    public static final int DEFAULT_PORT = 8083;

    public ServeOptions {
        functions = Map.copyOf(functions);
        if (account != null && !account.matches("\\d{12}")) {
            throw new IllegalArgumentException("--account must be twelve digits, not " + account);
        }
    }

    public static ServeOptions defaults() {
        return new ServeOptions("127.0.0.1", DEFAULT_PORT, Path.of(System.getProperty("user.home"), ".stepwise"),
                false, false, null, Map.of(), null, Durability.FULL, AccessKeys.none(), null);
    }

    public ServeOptions withHost(String newHost) {
        return new ServeOptions(newHost, port, dataDir, inMemory, virtualTime, config, functions, mockConfig,
                durability, accessKeys, account);
    }

    /** Adds an {@code ID:SECRET} pair to {@link #accessKeys()}. */
    public ServeOptions withAccessKey(String pair) {
        return new ServeOptions(host, port, dataDir, inMemory, virtualTime, config, functions, mockConfig,
                durability, accessKeys.with(pair), account);
    }

    public ServeOptions withPort(int newPort) {
        return new ServeOptions(host, newPort, dataDir, inMemory, virtualTime, config, functions, mockConfig,
                durability, accessKeys, account);
    }

    public ServeOptions withDataDir(Path newDataDir) {
        return new ServeOptions(host, port, newDataDir, inMemory, virtualTime, config, functions, mockConfig,
                durability, accessKeys, account);
    }

    public ServeOptions withInMemory(boolean newInMemory) {
        return new ServeOptions(host, port, dataDir, newInMemory, virtualTime, config, functions, mockConfig,
                durability, accessKeys, account);
    }

    public ServeOptions withVirtualTime(boolean newVirtualTime) {
        return new ServeOptions(host, port, dataDir, inMemory, newVirtualTime, config, functions, mockConfig,
                durability, accessKeys, account);
    }

    public ServeOptions withConfig(Path newConfig) {
        return new ServeOptions(host, port, dataDir, inMemory, virtualTime, newConfig, functions, mockConfig,
                durability, accessKeys, account);
    }

    public ServeOptions withFunction(String name, FunctionSource source) {
        Map<String, FunctionSource> more = new LinkedHashMap<>(functions);
        more.put(name, source);
        return new ServeOptions(host, port, dataDir, inMemory, virtualTime, config, more, mockConfig, durability,
                accessKeys, account);
    }

    public ServeOptions withMockConfig(Path newMockConfig) {
        return new ServeOptions(host, port, dataDir, inMemory, virtualTime, config, functions, newMockConfig,
                durability, accessKeys, account);
    }

    public ServeOptions withDurability(Durability newDurability) {
        return new ServeOptions(host, port, dataDir, inMemory, virtualTime, config, functions, mockConfig,
                newDurability, accessKeys, account);
    }

    public ServeOptions withAccount(String newAccount) {
        return new ServeOptions(host, port, dataDir, inMemory, virtualTime, config, functions, mockConfig,
                durability, accessKeys, newAccount);
    }
}
