package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Something that happened to an execution from outside the interpreter. Every trigger that answers a command
 * names it by {@code ref}, so a late or duplicate delivery for a command that is no longer pending is ignored.
 */
public sealed interface Trigger {

    /** The task invoked by {@link Command.InvokeTask} with this ref has started (activities: a worker took it). */
    record TaskStarted(String ref, String workerName) implements Trigger {
    }

    /**
     * A run-a-job ({@code .sync}) task was accepted by its service: {@code output} is the service's answer to the
     * submission (AWS records it in {@code TaskSubmitted}); the task stays pending until the job ends with
     * {@link TaskSucceeded} or {@link TaskFailed}.
     */
    record TaskSubmitted(String ref, JsonNode output) implements Trigger {
    }

    record TaskSucceeded(String ref, JsonNode output) implements Trigger {
    }

    record TaskFailed(String ref, String error, String cause) implements Trigger {
    }

    /** A heartbeat from the worker of the task: pushes the heartbeat deadline back. */
    record TaskHeartbeat(String ref) implements Trigger {
    }

    record TimerFired(String ref) implements Trigger {
    }

    /** StopExecution. */
    record StopRequested(String error, String cause) implements Trigger {
    }

    /** RedriveExecution: restart a closed execution from where it stopped. */
    record RedriveRequested() implements Trigger {
    }

    /**
     * A child execution this one started has ended ({@link Command.NotifyParent}). {@code ref} is the one its
     * {@link ParentLink} names; a repeated or late notice is ignored.
     */
    record ChildFinished(String ref, int index, ExecutionStatus status, String error, String cause)
            implements Trigger {
    }

    /** UpdateMapRun: new settings for the running Map Run {@code mapRunArn}; a {@code null} field is unchanged. */
    record MapRunUpdated(String mapRunArn, Integer maxConcurrency, Double toleratedFailurePercentage,
            Long toleratedFailureCount) implements Trigger {
    }
}
