package io.stepwise.runtime;

import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;

/**
 * Starts the child execution of a {@code arn:aws:states:::states:startExecution.sync} (or {@code .sync:2}) Task on
 * this Stepwise, linked to the Task ({@link io.stepwise.engine.ParentLink#ofTask}) so that the child's end is
 * delivered to it. The API implements it, since starting an execution means what StartExecution means (versions,
 * aliases, names, input limits); the runtimes only carry the call.
 */
public interface NestedStarts {

    /**
     * Starts the child the request's parameters ({@code StateMachineArn}, {@code Input}, {@code Name}) describe and
     * has the waiting Task record {@code TaskSubmitted} with StartExecution's response as the integration shapes it
     * ({@link SyncTaskResult#submission}); answers {@link TaskOutcome.Pending} (or {@link TaskOutcome.Submitted}
     * when no Task waits), or {@link TaskOutcome.Failed} with AWS's error (e.g.
     * {@code StepFunctions.StateMachineDoesNotExistException}). A second call for the same task attempt finds the
     * child it started, so the outbox may hand the task over twice.
     */
    TaskOutcome start(TaskRequest request);
}
