package io.stepwise.engine.port;

import java.time.Instant;
import java.util.Map;

/** A stored activity: a named task queue that workers poll with {@code GetActivityTask}. */
public record ActivityRecord(String arn, String name, Instant creationDate, Map<String, String> tags,
        EncryptionConfiguration encryption) {
    public ActivityRecord {
        tags = Map.copyOf(tags);
        encryption = encryption == null ? EncryptionConfiguration.DEFAULT : encryption;
    }

    public ActivityRecord withTags(Map<String, String> tags) {
        return new ActivityRecord(arn, name, creationDate, tags, encryption);
    }
}
