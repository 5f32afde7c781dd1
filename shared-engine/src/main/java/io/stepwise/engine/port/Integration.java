package io.stepwise.engine.port;

/**
 * A task integration: calls the service behind a Task state's {@code Resource}. Implementations may block
 * (runners call them from a worker pool) and report service errors as {@link TaskOutcome.Failed}, never by
 * throwing; an exception is reported as a failed task by the runner.
 */
@FunctionalInterface
public interface Integration {
    TaskOutcome invoke(TaskRequest request);
}
