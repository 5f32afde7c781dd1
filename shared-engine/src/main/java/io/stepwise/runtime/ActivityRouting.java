package io.stepwise.runtime;

import io.stepwise.asl.ResourceArn;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.query.Json;
import java.util.Optional;

/**
 * Sends activity resources to the activity queue and every other resource to {@code others}. An activity task is
 * pending once queued: its result arrives through SendTaskSuccess/Failure with the task's token.
 */
public record ActivityRouting(ActivityQueue activities, IntegrationRegistry others) implements IntegrationRegistry {
    @Override
    public Optional<Integration> find(String resource) {
        if (ResourceArn.parse(resource).orElse(null) instanceof ResourceArn.Activity) {
            return Optional.of(request -> {
                activities.offer(new ActivityTask(request.resource(), request.executionArn(), request.taskToken(),
                        Json.write(request.input())));
                return new TaskOutcome.Pending();
            });
        }
        return others.find(resource);
    }
}
