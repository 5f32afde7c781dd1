package io.stepwise.engine.port;

import java.time.Instant;

/**
 * A published, immutable version of a state machine: its ARN is the state machine's with {@code :<version>}.
 *
 * @param revision the state machine revision the version was published from
 */
public record StateMachineVersionRecord(
        String arn, String stateMachineArn, long version, String definition, String roleArn, long revision,
        String description, Instant creationDate) {
}
