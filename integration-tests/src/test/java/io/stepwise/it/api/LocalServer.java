package io.stepwise.it.api;

import io.stepwise.it.LocalClients;
import io.stepwise.local.server.LocalStepwise;
import io.stepwise.local.server.ServeOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.sfn.SfnClient;

/** A real {@code stepwise serve} on a free port, with the {@link TestIntegrations}. */
final class LocalServer implements ApiBackend {
    private final TestIntegrations integrations = new TestIntegrations();
    private final LocalStepwise stepwise;
    final SfnClient sfn;

    LocalServer(Path dataDir, boolean virtualTime) {
        this(ServeOptions.defaults().withPort(0).withDataDir(dataDir).withVirtualTime(virtualTime), true);
    }

    /** A server as {@code stepwise serve} builds it from {@code options}, with no test integrations. */
    LocalServer(ServeOptions options) {
        this(options, false);
    }

    private LocalServer(ServeOptions options, boolean testIntegrations) {
        try {
            stepwise = testIntegrations ? LocalStepwise.start(options, integrations) : LocalStepwise.start(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sfn = client(stepwise.port());
    }

    static SfnClient client(int port) {
        return LocalClients.to(port, Duration.ofSeconds(70));
    }

    /** A client whose configuration {@code configure} adjusts further, e.g. to turn retries off. */
    static SfnClient client(int port, Consumer<ClientOverrideConfiguration.Builder> configure) {
        return LocalClients.to(port, Duration.ofSeconds(70), configure);
    }

    @Override
    public SfnClient sfn() {
        return sfn;
    }

    @Override
    public int port() {
        return stepwise.port();
    }

    @Override
    public TestIntegrations integrations() {
        return integrations;
    }

    @Override
    public void close() {
        sfn.close();
        stepwise.close();
    }
}
