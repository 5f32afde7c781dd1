package io.stepwise.engine.port;

import com.fasterxml.jackson.databind.JsonNode;

/** How an integration call ended. */
public sealed interface TaskOutcome {

    record Succeeded(JsonNode output) implements TaskOutcome {
    }

    /** {@code error} is matched by Retry/Catch, e.g. {@code Lambda.ServiceException} or a handler's error type. */
    record Failed(String error, String cause) implements TaskOutcome {
    }

    /**
     * A {@code .sync} task started its job ({@code output}: the service's answer); the job's end arrives later as
     * the task's result.
     */
    record Submitted(JsonNode output) implements TaskOutcome {
    }

    /** A callback task (.waitForTaskToken, activity): the result arrives later through SendTask*. */
    record Pending() implements TaskOutcome {
    }
}
