package io.stepwise.engine.port;

import io.stepwise.engine.Command;

/** A task committed for dispatch and not yet settled: after a restart it is dispatched again. */
public record OutboxEntry(String executionArn, Command.InvokeTask task) {
}
