package io.stepwise.it.api;

import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.it.LocalClients;
import io.stepwise.local.server.LocalStepwise;
import io.stepwise.local.server.ServeOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A real {@code stepwise serve} on a free port, with test integrations: an echo Lambda and a
 * {@code .waitForTaskToken} SQS send that hands its token to the test instead of a queue.
 */
final class LocalServer implements AutoCloseable {
    static final String ECHO_LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:echo";
    static final String CALLBACK = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
    /** A Lambda that takes {@link #SLOW_MILLIS} to echo its input, counting how many of its calls overlap. */
    static final String SLOW_LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:slow";
    static final long SLOW_MILLIS = 300;

    final AtomicInteger slowCalls = new AtomicInteger();
    final AtomicInteger slowCallsPeak = new AtomicInteger();

    final BlockingQueue<String> issuedTokens = new LinkedBlockingQueue<>();
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
        IntegrationRegistry integrations = resource -> switch (resource) {
            case ECHO_LAMBDA -> Optional.of(request -> new TaskOutcome.Succeeded(request.input()));
            case SLOW_LAMBDA -> Optional.of(request -> {
                slowCallsPeak.accumulateAndGet(slowCalls.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(SLOW_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    slowCalls.decrementAndGet();
                }
                return new TaskOutcome.Succeeded(request.input());
            });
            case CALLBACK -> Optional.of(request -> {
                issuedTokens.add(request.taskToken());
                return new TaskOutcome.Pending();
            });
            default -> Optional.empty();
        };
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

    int port() {
        return stepwise.port();
    }

    @Override
    public void close() {
        sfn.close();
        stepwise.close();
    }
}
