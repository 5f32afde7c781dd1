package io.stepwise.runtime;

import io.stepwise.engine.TaskResource;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import java.util.Optional;

/** Sends activity resources to the activity queues and every other resource to {@code others}. */
public record ActivityRouting(ActivityTasks activities, IntegrationRegistry others) implements IntegrationRegistry {
    @Override
    public Optional<Integration> find(String resource) {
        if (TaskResource.of(resource).kind() == TaskResource.Kind.ACTIVITY) {
            return Optional.of(activities);
        }
        return others.find(resource);
    }
}
