package io.stepwise.engine.port;

import io.stepwise.asl.StateMachineType;
import java.time.Instant;
import java.util.Map;

/**
 * A stored state machine. {@code revision} increases with every update, so a running execution can name the
 * definition it started with. {@code logging} and {@code tracingEnabled} are its logging and X-Ray tracing
 * configurations.
 */
public record StateMachineRecord(
        String arn, String name, StateMachineType type, String definition, String roleArn, Instant creationDate,
        Instant updateDate, long revision, Map<String, String> tags, EncryptionConfiguration encryption,
        LoggingConfiguration logging, boolean tracingEnabled) {
    public StateMachineRecord {
        tags = Map.copyOf(tags);
        encryption = encryption == null ? EncryptionConfiguration.DEFAULT : encryption;
        logging = logging == null ? LoggingConfiguration.OFF : logging;
    }

    /** A machine that logs nothing and is not traced. */
    public StateMachineRecord(String arn, String name, StateMachineType type, String definition, String roleArn,
            Instant creationDate, Instant updateDate, long revision, Map<String, String> tags,
            EncryptionConfiguration encryption) {
        this(arn, name, type, definition, roleArn, creationDate, updateDate, revision, tags, encryption,
                LoggingConfiguration.OFF, false);
    }

    public StateMachineRecord withDefinition(String newDefinition, String newRoleArn, Instant now) {
        return new StateMachineRecord(arn, name, type, newDefinition, newRoleArn, creationDate, now, revision + 1, tags,
                encryption, logging, tracingEnabled);
    }

    public StateMachineRecord withTags(Map<String, String> newTags) {
        return new StateMachineRecord(arn, name, type, definition, roleArn, creationDate, updateDate, revision, newTags,
                encryption, logging, tracingEnabled);
    }

    public StateMachineRecord withEncryption(EncryptionConfiguration newEncryption) {
        return new StateMachineRecord(arn, name, type, definition, roleArn, creationDate, updateDate, revision, tags,
                newEncryption, logging, tracingEnabled);
    }

    public StateMachineRecord withObservability(LoggingConfiguration newLogging, boolean newTracingEnabled) {
        return new StateMachineRecord(arn, name, type, definition, roleArn, creationDate, updateDate, revision, tags,
                encryption, newLogging, newTracingEnabled);
    }
}
