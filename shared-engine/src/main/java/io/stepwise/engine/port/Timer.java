package io.stepwise.engine.port;

import java.time.Instant;

/** A durable timer: at {@code dueAt}, deliver {@code TimerFired(ref)} to the execution. */
public record Timer(String executionArn, String ref, Instant dueAt) {
}
