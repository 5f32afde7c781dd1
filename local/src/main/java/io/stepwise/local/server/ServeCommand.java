package io.stepwise.local.server;

import io.stepwise.engine.port.IntegrationRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code stepwise serve [--port N] [--data-dir DIR | --in-memory] [--virtual-time]}: runs the API until the
 * process is stopped.
 */
public final class ServeCommand {
    /** No task integrations are wired yet: every Task state fails as AWS fails for an unknown resource. */
    private static final IntegrationRegistry NO_INTEGRATIONS = resource -> Optional.empty();

    private ServeCommand() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        System.exit(run(args));
    }

    /** Serves until interrupted; returns the process exit code (2 for bad arguments). */
    public static int run(String[] args) throws IOException, InterruptedException {
        ServeOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("stepwise serve: " + e.getMessage());
            System.err.println("usage: stepwise serve [--port N] [--data-dir DIR | --in-memory] [--virtual-time]");
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        LocalStepwise stepwise = LocalStepwise.start(options, NO_INTEGRATIONS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stepwise.close();
            stopped.countDown();
        }));
        System.out.println("stepwise: Step Functions API on http://" + options.host() + ":" + stepwise.port()
                + (options.inMemory() ? " (in memory)" : " (data in " + options.dataDir() + ")")
                + (options.virtualTime() ? ", virtual time" : ""));
        stopped.await();
        return 0;
    }

    static ServeOptions parse(String[] args) {
        ServeOptions options = ServeOptions.defaults();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> options = options.withPort(port(value(args, ++i, "--port")));
                case "--data-dir" -> options = options.withDataDir(Path.of(value(args, ++i, "--data-dir")));
                case "--in-memory" -> options = options.withInMemory(true);
                case "--virtual-time" -> options = options.withVirtualTime(true);
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
