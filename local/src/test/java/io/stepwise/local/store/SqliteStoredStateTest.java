package io.stepwise.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.Step;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.engine.state.StateFormat;
import io.stepwise.query.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An execution state in the database in another format version than this build writes, as a database left by an
 * older or newer Stepwise holds it: an older one is upgraded, a newer one refused with a clear message.
 */
class SqliteStoredStateTest {
    private static final String DEFINITION = """
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}""";
    private static final String ARN = "arn:aws:states:us-east-1:123456789012:execution:m:e1";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private SqliteDatabase db;
    private Step started;

    @BeforeEach
    void createExecution() {
        db = SqliteDatabase.inMemory();
        started = new Interpreter(DefinitionParser.parse(DEFINITION)).start(new ExecutionStart(ARN, "e1",
                "arn:aws:states:us-east-1:123456789012:stateMachine:m", "m", "arn:aws:iam::123456789012:role/r",
                "us-east-1", "{\"a\": 1}", T0, 42));
        assertThat(new SqliteExecutionStore(db).create(commit(started.state(), 0), DEFINITION)).isTrue();
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    private Commit commit(ExecutionState state, long expected) {
        return new Commit(ARN, expected, state, expected == 0 ? started.events() : List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), T0);
    }

    /** Replaces the stored state by {@code state} with its {@code formatVersion} set to {@code version}. */
    private void storeAsVersion(ObjectNode state, int version) {
        state.put("formatVersion", version);
        db.transaction(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE executions SET state = ?, format_version = ? WHERE arn = ?")) {
                update.setString(1, Json.write(state));
                update.setInt(2, version);
                update.setString(3, ARN);
                return update.executeUpdate();
            }
        });
    }

    private ObjectNode current() {
        return (ObjectNode) Json.parse(StateFormat.CURRENT.write(started.state()));
    }

    private String stored(String column) {
        return db.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + column + " FROM executions WHERE arn = ?")) {
                select.setString(1, ARN);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getString(1);
                }
            }
        });
    }

    @Test
    void aStateOfANewerVersionIsRefusedNamingTheExecutionAndTheVersions() {
        storeAsVersion(current(), ExecutionState.FORMAT_VERSION + 1);

        assertThatThrownBy(() -> new SqliteExecutionStore(db).load(ARN))
                .isInstanceOf(StoreException.class)
                .hasMessage(ARN + " was stored in state format version " + (ExecutionState.FORMAT_VERSION + 1)
                        + " by a newer Stepwise; this Stepwise reads versions 1 to " + ExecutionState.FORMAT_VERSION
                        + ". Run the Stepwise that wrote it, or a newer one.");
    }

    @Test
    void aVersionOneStateIsUpgradedAndItsNextCommitStoresTheCurrentVersion() {
        ObjectNode v1 = current();
        ((ObjectNode) v1.get("root")).remove("givenInputText");
        storeAsVersion(v1, 1);
        SqliteExecutionStore store = new SqliteExecutionStore(db);

        ExecutionRecord loaded = store.load(ARN).orElseThrow();
        assertThat(loaded.state().formatVersion).isEqualTo(ExecutionState.FORMAT_VERSION);
        assertThat(store.commit(commit(loaded.state(), loaded.version()))).isTrue();

        assertThat(stored("format_version")).isEqualTo(String.valueOf(ExecutionState.FORMAT_VERSION));
        assertThat(Json.parse(stored("state")).get("formatVersion").intValue())
                .isEqualTo(ExecutionState.FORMAT_VERSION);
    }
}
