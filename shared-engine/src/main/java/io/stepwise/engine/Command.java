package io.stepwise.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.StateMachineType;
import java.time.Instant;
import java.util.List;

/** Work the interpreter asks its runner to do after the step is committed. */
public sealed interface Command {

    /**
     * A command about other executions (a Map Run's children, a nested child, a parent): runners carry it as a task
     * on an internal resource, so it goes through the outbox like any task.
     */
    sealed interface AboutExecutions extends Command {
        /** The ref its answer names. */
        String ref();
    }

    /**
     * Call the integration behind {@code resource} with {@code input}; answer with a task trigger carrying
     * {@code ref}.
     *
     * @param taskToken the callback token for {@code .waitForTaskToken} tasks and activities, else {@code null}
     * @param timeoutSeconds the task timeout, or {@code null}
     * @param heartbeatSeconds the heartbeat interval, or {@code null}
     * @param credentials the Task's {@code Credentials} evaluated ({@code {"RoleArn": ...}}), or {@code null}
     * @param executionRoleArn the state machine's role the execution runs as, which integrations assume unless
     *     {@code credentials} names another; {@code null} when not known
     */
    record InvokeTask(
            String ref, String stateName, String resource, JsonNode input, String taskToken,
            Integer timeoutSeconds, Integer heartbeatSeconds, JsonNode credentials, String executionRoleArn)
            implements Command {

        /** A task of an execution whose role is not known (commands stored before it was recorded). */
        public InvokeTask(String ref, String stateName, String resource, JsonNode input, String taskToken,
                          Integer timeoutSeconds, Integer heartbeatSeconds, JsonNode credentials) {
            this(ref, stateName, resource, input, taskToken, timeoutSeconds, heartbeatSeconds, credentials, null);
        }
    }

    /** Fire {@link Trigger.TimerFired} with {@code ref} at {@code dueAt}. */
    record StartTimer(String ref, Instant dueAt) implements Command {
    }

    /** A timer that no longer matters; runners may drop it (a late fire would be ignored anyway). */
    record CancelTimer(String ref) implements Command {
    }

    /**
     * The step reached its budget ({@link EngineLimits#maxStepItems}) and stopped at a point it can resume from:
     * apply {@link Trigger.TimerFired} with {@code ref} next, before any other trigger of the execution. Durable
     * runners keep it as a timer due at once, so a continuation lost in a crash fires like any stored timer.
     */
    record Continue(String ref, Instant at) implements Command {
    }

    /**
     * Start the child executions of a Distributed Map's Map Run, one per item (or batch), each running
     * {@code definition} with a {@link ParentLink} to this execution that names {@code runRef}; then answer with
     * {@link Trigger.TaskSucceeded} carrying {@code ref}. Starting a child that exists already is a no-op, so the
     * command may be carried out more than once.
     *
     * @param executionType {@code STANDARD} or {@code EXPRESS}
     * @param total how many children the Map Run has in all; with the settings after it, what its record shows
     */
    record StartChildren(String ref, String runRef, String mapRunArn, String definition,
            StateMachineType executionType,
            int total, int maxConcurrency, long toleratedFailureCount, double toleratedFailurePercentage,
            List<ChildStart> children) implements AboutExecutions {
        public StartChildren {
            children = List.copyOf(children);
        }
    }

    /**
     * Read the next page of a Distributed Map's items from {@code source} ({@code ItemSource}'s fields) after
     * {@code cursor}, at most {@code maxItems}; answer with {@link Trigger.TaskSucceeded} carrying {@code ref} and
     * {@code {"items": [...], "nextCursor": ...}}, or {@link Trigger.TaskFailed} with the reader's error.
     */
    record ReadItems(String ref, JsonNode source, String cursor, int maxItems) implements AboutExecutions {
    }

    /** One child of {@link StartChildren}: its item's index, the execution's ARN and name, and its input. */
    record ChildStart(int index, String executionArn, String name, JsonNode input) {
    }

    /**
     * Read the outputs of the Map Run's {@code count} children in item order (a failed child as its
     * {@code {"Error", "Cause"}}) and answer with {@link Trigger.TaskSucceeded} carrying {@code ref} and the array;
     * or, with a {@code resultWriter} ({@link io.stepwise.engine.port.ResultTarget}'s fields as JSON), export them
     * and answer with the writer's result, or {@link Trigger.TaskFailed} when that fails.
     */
    record CollectResults(String ref, String mapRunArn, int count, JsonNode resultWriter) implements AboutExecutions {
    }

    /**
     * The Map Run ended unsuccessfully ({@code status} {@code FAILED} or {@code ABORTED}): stop its children with
     * these indexes that may still run and answer with {@link Trigger.TaskSucceeded} carrying {@code ref}. Children
     * that have ended are left alone.
     */
    /**
     * The parent was redriven with its Map Run stopped: redrive, from index {@code from} on and below
     * {@code launched}, the children that failed, timed out or were aborted (succeeded ones are left alone), at most
     * {@code limit} of them ({@code 0}: all), mark the Map Run redriven for the {@code redriveCount}-th time, and
     * answer with {@link Trigger.TaskSucceeded} carrying {@code ref} and {@code {"next": <the index the next batch
     * starts at>}}. A child redriven already is not redriven again but counts toward {@code limit}, so the command may
     * be carried out more than once with the same answer. Express children ({@code executionType} {@code EXPRESS})
     * have no executions to redrive: the failed ones run {@code definition} again, from their kept input, side by
     * side.
     */
    record RedriveChildren(String ref, String mapRunArn, int launched, int redriveCount,
            @JsonInclude(JsonInclude.Include.NON_NULL) String definition,
            @JsonInclude(JsonInclude.Include.NON_NULL) StateMachineType executionType, int from, int limit)
            implements AboutExecutions {
    }

    record StopChildren(String ref, String mapRunArn, String status, List<Integer> indexes) implements AboutExecutions {
        public StopChildren {
            indexes = List.copyOf(indexes);
        }
    }

    /**
     * The Task that started the child execution {@code executionArn} ({@code startExecution.sync}) ended without
     * it (stopped, timed out, aborted with its branch): stop the child, then answer with {@link Trigger.TaskSucceeded}
     * carrying {@code ref}. A child that has ended is left alone.
     */
    record StopChild(String ref, String executionArn) implements AboutExecutions {
    }

    /**
     * This execution has ended: deliver {@link Trigger.ChildFinished} to {@code parent}, then answer with
     * {@link Trigger.TaskSucceeded} carrying {@code ref}. A parent that had the news already ignores it again.
     *
     * @param status the execution's terminal status
     */
    record NotifyParent(String ref, ParentLink parent, ExecutionStatus status, String error, String cause)
            implements AboutExecutions {
    }
}
