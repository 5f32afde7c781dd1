package io.stepwise.runtime;

import io.stepwise.asl.ResourceArn;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import java.util.Optional;

/** Sends activity resources to the activity queues and every other resource to {@code others}. */
public record ActivityRouting(ActivityTasks activities, IntegrationRegistry others) implements IntegrationRegistry {
    @Override
    public Optional<Integration> find(String resource) {
        if (ResourceArn.parse(resource).orElse(null) instanceof ResourceArn.Activity) {
            return Optional.of(activities);
        }
        return others.find(resource);
    }
}
