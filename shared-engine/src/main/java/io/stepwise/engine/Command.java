package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** Work the interpreter asks its runner to do after the step is committed. */
public sealed interface Command {

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
}
