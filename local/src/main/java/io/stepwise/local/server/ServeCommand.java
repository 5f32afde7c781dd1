package io.stepwise.local.server;

import io.stepwise.local.config.FunctionSource;
import io.stepwise.local.store.Durability;
import io.stepwise.local.store.StoreRefusedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code stepwise serve [--host H] [--port N] [--data-dir DIR | --in-memory] [--virtual-time] [--config FILE]
 * [--function NAME=Class]... [--mock-config FILE] [--access-key ID:SECRET]... [--durability full|relaxed] [--account ID]}: runs
 * the API until the process is
 * stopped.
 */
public final class ServeCommand {
    /** Where AWS Step Functions Local (and LocalStack) read the mock configuration from. */
    static final String MOCK_CONFIG_ENV = "SFN_MOCK_CONFIG";
    private static final String USAGE = "usage: stepwise serve [--host 127.0.0.1] [--port N]"
            + " [--data-dir DIR | --in-memory] [--virtual-time] [--config stepwise.json]"
            + " [--function NAME=HandlerClass]... [--mock-config FILE] [--access-key ID:SECRET]..."
            + " [--durability full|relaxed] [--account 123456789012]";

    private ServeCommand() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        System.exit(run(args));
    }

    /**
     * Serves until interrupted; returns the process exit code: 2 for bad arguments or configuration, 1 when the data
     * directory must not be used (another process owns it, or its database is not Stepwise's or is damaged).
     */
    public static int run(String[] args) throws IOException, InterruptedException {
        ServeOptions options;
        LocalStepwise stepwise;
        try {
            options = parse(args, System.getenv());
            stepwise = LocalStepwise.start(options);
        } catch (IllegalArgumentException e) {
            System.err.println("stepwise serve: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        } catch (StoreRefusedException e) {
            System.err.println("stepwise serve: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stepwise.close();
            stopped.countDown();
        }));
        System.out.println("stepwise: Step Functions API on http://" + options.host() + ":" + stepwise.port()
                + (options.inMemory() ? " (in memory)" : " (data in " + options.dataDir() + ")")
                + (options.virtualTime() ? ", virtual time" : "")
                + (options.mockConfig() != null ? ", mocks from " + options.mockConfig() : "")
                + (options.accessKeys().isEmpty() ? "" : ", SigV4-signed requests only")
                + (!options.inMemory() && options.durability() == Durability.RELAXED
                        ? ", relaxed durability (the last commits may be lost with the machine)" : ""));
        System.out.println("stepwise: console on http://" + urlHost(options.host()) + ":" + stepwise.port()
                + ConsoleHandler.PATH);
        stopped.await();
        return 0;
    }

    private static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    static ServeOptions parse(String[] args, Map<String, String> env) {
        ServeOptions options = ServeOptions.defaults();
        String mockConfig = env.get(MOCK_CONFIG_ENV);
        if (mockConfig != null && !mockConfig.isBlank()) {
            options = options.withMockConfig(Path.of(mockConfig));
        }
        String accessKeys = env.get(AccessKeys.ENV);
        if (accessKeys != null && !accessKeys.isBlank()) {
            for (String pair : accessKeys.split(",")) {
                options = options.withAccessKey(pair.trim());
            }
        }
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> options = options.withHost(value(args, ++i, "--host"));
                case "--account" -> options = options.withAccount(value(args, ++i, "--account"));
                case "--access-key" -> options = options.withAccessKey(value(args, ++i, "--access-key"));
                case "--port" -> options = options.withPort(port(value(args, ++i, "--port")));
                case "--data-dir" -> options = options.withDataDir(Path.of(value(args, ++i, "--data-dir")));
                case "--in-memory" -> options = options.withInMemory(true);
                case "--virtual-time" -> options = options.withVirtualTime(true);
                case "--config" -> options = options.withConfig(Path.of(value(args, ++i, "--config")));
                case "--mock-config" -> options = options.withMockConfig(Path.of(value(args, ++i, "--mock-config")));
                case "--durability" -> options = options.withDurability(durability(value(args, ++i, "--durability")));
                case "--function" -> {
                    String spec = value(args, ++i, "--function");
                    int equals = spec.indexOf('=');
                    if (equals <= 0 || equals == spec.length() - 1) {
                        throw new IllegalArgumentException("--function expects NAME=fully.qualified.HandlerClass, got "
                                + spec);
                    }
                    options = options.withFunction(spec.substring(0, equals),
                            new FunctionSource.Handler(spec.substring(equals + 1)));
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return options;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static Durability durability(String text) {
        return switch (text) {
            case "full" -> Durability.FULL;
            case "relaxed" -> Durability.RELAXED;
            default -> throw new IllegalArgumentException("--durability must be full or relaxed, not " + text);
        };
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port must be between 0 and 65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, not " + text, e);
        }
    }
}
