package io.stepwise.engine.port;

import java.time.Instant;
import java.util.List;

/** A named pointer to one or two versions of a state machine, splitting executions between them by weight. */
public record StateMachineAliasRecord(
        String arn, String stateMachineArn, String name, String description, List<Route> routes,
        Instant creationDate, Instant updateDate) {
    public StateMachineAliasRecord {
        routes = List.copyOf(routes);
    }

    /** @param weight the percentage of executions this version gets */
    public record Route(String versionArn, int weight) {
    }

    public StateMachineAliasRecord withRouting(String newDescription, List<Route> newRoutes, Instant now) {
        return new StateMachineAliasRecord(arn, stateMachineArn, name, newDescription, newRoutes, creationDate, now);
    }
}
