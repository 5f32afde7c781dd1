package io.stepwise.local.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.StateMachineType;
import io.stepwise.engine.port.ActivityRecord;
import io.stepwise.engine.port.EncryptionConfiguration;
import io.stepwise.engine.port.StateMachineRecord;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database written before encryption configurations were kept opens with AWS's default for every resource. */
class EncryptionColumnMigrationTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:m";
    private static final String ACTIVITY = "arn:aws:states:us-east-1:123456789012:activity:a";

    @TempDir
    Path dataDir;

    @Test
    void anOldDatabaseGetsTheColumnAndItsResourcesTheDefault() {
        EncryptionConfiguration managed =
                new EncryptionConfiguration(EncryptionConfiguration.CUSTOMER_MANAGED_KMS_KEY, "key", null);
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            new SqliteStateMachineStore(db).create(new StateMachineRecord(MACHINE, "m", StateMachineType.STANDARD,
                    "{}", "arn:aws:iam::123456789012:role/r", T0, T0, 1, Map.of(), managed));
            new SqliteActivityStore(db).create(new ActivityRecord(ACTIVITY, "a", T0, Map.of(), managed));
            db.transaction(c -> {
                try (Statement statement = c.createStatement()) {
                    statement.execute("ALTER TABLE state_machines DROP COLUMN encryption");
                    statement.execute("ALTER TABLE activities DROP COLUMN encryption");
                }
                return null;
            });
        }

        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            assertThat(new SqliteStateMachineStore(db).find(MACHINE).orElseThrow().encryption())
                    .isEqualTo(EncryptionConfiguration.DEFAULT);
            SqliteActivityStore activities = new SqliteActivityStore(db);
            ActivityRecord activity = activities.find(ACTIVITY).orElseThrow();
            assertThat(activity.encryption()).isEqualTo(EncryptionConfiguration.DEFAULT);
            assertThat(activities.update(activity, activity.withTags(Map.of("k", "v")))).isTrue();
        }
    }
}
