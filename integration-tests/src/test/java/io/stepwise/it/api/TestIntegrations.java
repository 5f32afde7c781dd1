package io.stepwise.it.api;

import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The integrations the API tests call, the same on every backend: an echo Lambda, a slow one that counts how many of
 * its calls overlap, and a {@code .waitForTaskToken} SQS send that hands its token to the test instead of a queue.
 */
final class TestIntegrations implements IntegrationRegistry {
    final AtomicInteger slowCalls = new AtomicInteger();
    final AtomicInteger slowCallsPeak = new AtomicInteger();
    final BlockingQueue<String> issuedTokens = new LinkedBlockingQueue<>();

    @Override
    public Optional<Integration> find(String resource) {
        return switch (resource) {
            case ApiBackend.ECHO_LAMBDA -> Optional.of(request -> new TaskOutcome.Succeeded(request.input()));
            case ApiBackend.SLOW_LAMBDA -> Optional.of(request -> {
                slowCallsPeak.accumulateAndGet(slowCalls.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(ApiBackend.SLOW_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    slowCalls.decrementAndGet();
                }
                return new TaskOutcome.Succeeded(request.input());
            });
            case ApiBackend.CALLBACK -> Optional.of(request -> {
                issuedTokens.add(request.taskToken());
                return new TaskOutcome.Pending();
            });
            default -> Optional.empty();
        };
    }
}
