package io.stepwise.engine.port;

import io.stepwise.asl.StateMachineType;
import java.time.Instant;
import java.util.Map;

/**
 * A stored state machine. {@code revision} increases with every update, so a running execution can name the
 * definition it started with.
 */
public record StateMachineRecord(
        String arn, String name, StateMachineType type, String definition, String roleArn, Instant creationDate,
        Instant updateDate, long revision, Map<String, String> tags, EncryptionConfiguration encryption) {
    public StateMachineRecord {
        tags = Map.copyOf(tags);
        encryption = encryption == null ? EncryptionConfiguration.DEFAULT : encryption;
    }

    public StateMachineRecord withDefinition(String newDefinition, String newRoleArn, Instant now) {
        return new StateMachineRecord(arn, name, type, newDefinition, newRoleArn, creationDate, now, revision + 1, tags,
                encryption);
    }

    public StateMachineRecord withTags(Map<String, String> newTags) {
        return new StateMachineRecord(arn, name, type, definition, roleArn, creationDate, updateDate, revision, newTags,
                encryption);
    }

    public StateMachineRecord withEncryption(EncryptionConfiguration newEncryption) {
        return new StateMachineRecord(arn, name, type, definition, roleArn, creationDate, updateDate, revision, tags,
                newEncryption);
    }
}
