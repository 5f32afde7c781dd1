package io.stepwise.runtime;

import io.stepwise.engine.Command;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.query.StatesErrors;
import java.util.Optional;

/**
 * Turns an {@code InvokeTask} into a call of its integration and the call's outcome into the trigger that answers
 * it. Every runner maps failures here, AWS's way, so Express and Standard executions match the same Retry and
 * Catch rules: a failure the integration reports keeps the service's error name ({@code Lambda.ServiceException},
 * a handler's error type); an unexpected exception is {@code States.TaskFailed}.
 */
public final class TaskInvoker {
    private final IntegrationRegistry integrations;

    public TaskInvoker(IntegrationRegistry integrations) {
        this.integrations = integrations;
    }

    /**
     * Calls the task's integration, blocking for as long as it does. Returns the answer, or empty for a callback
     * task (.waitForTaskToken, activity) whose answer arrives later through SendTask*.
     */
    public Optional<Trigger> invoke(String executionArn, Command.InvokeTask task) {
        TaskOutcome outcome = call(executionArn, task);
        if (outcome instanceof TaskOutcome.Succeeded succeeded) {
            return Optional.of(new Trigger.TaskSucceeded(task.ref(), succeeded.output()));
        }
        if (outcome instanceof TaskOutcome.Failed failed) {
            return Optional.of(new Trigger.TaskFailed(task.ref(), failed.error(), failed.cause()));
        }
        if (outcome instanceof TaskOutcome.Submitted submitted) {
            return Optional.of(new Trigger.TaskSubmitted(task.ref(), submitted.output()));
        }
        if (outcome instanceof TaskOutcome.Pending) {
            return Optional.empty();
        }
        throw new IllegalStateException("unhandled outcome " + outcome);
    }

    private TaskOutcome call(String executionArn, Command.InvokeTask task) {
        Optional<Integration> integration = integrations.find(task.resource());
        if (integration.isEmpty()) {
            return new TaskOutcome.Failed(UnknownResource.error(task.resource()),
                    UnknownResource.cause(task.resource()));
        }
        TaskRequest request = new TaskRequest(executionArn, task.stateName(), task.resource(), task.input(),
                task.taskToken(), task.timeoutSeconds(), task.heartbeatSeconds(), task.credentials(),
                task.executionRoleArn(), task.ref());
        try {
            TaskOutcome outcome = integration.get().invoke(request);
            return outcome != null ? outcome
                    : new TaskOutcome.Failed(StatesErrors.TASK_FAILED, "The integration returned no outcome");
        } catch (RuntimeException e) {
            return new TaskOutcome.Failed(StatesErrors.TASK_FAILED,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
