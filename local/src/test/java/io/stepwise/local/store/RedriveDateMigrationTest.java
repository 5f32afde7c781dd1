package io.stepwise.local.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.Step;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.ExecutionRecord;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database written before executions had a {@code redrive_date} column opens with it filled from the history. */
class RedriveDateMigrationTest {
    private static final String DEFINITION = """
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}""";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final Interpreter interpreter = new Interpreter(DefinitionParser.parse(DEFINITION));

    @TempDir
    Path dataDir;

    @Test
    void anOldDatabaseGetsTheColumnFilledFromEachExecutionsLastRedrive() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            SqliteExecutionStore store = new SqliteExecutionStore(db);
            String redriven = start(store, "redriven");
            apply(store, redriven, new Trigger.StopRequested("E", "C"), T0.plusSeconds(5));
            apply(store, redriven, new Trigger.RedriveRequested(), T0.plusSeconds(60));
            apply(store, redriven, new Trigger.StopRequested("E", "C"), T0.plusSeconds(70));
            apply(store, redriven, new Trigger.RedriveRequested(), T0.plusSeconds(120));
            start(store, "never");
            db.transaction(c -> {
                try (Statement statement = c.createStatement()) {
                    statement.execute("ALTER TABLE executions DROP COLUMN redrive_date");
                }
                return null;
            });
        }

        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            SqliteExecutionStore store = new SqliteExecutionStore(db);
            assertThat(store.load(arn("redriven")).orElseThrow().redriveDate()).isEqualTo(T0.plusSeconds(120));
            assertThat(store.load(arn("never")).orElseThrow().redriveDate()).isNull();
        }
    }

    private static String arn(String name) {
        return "arn:aws:states:us-east-1:123456789012:execution:m:" + name;
    }

    private String start(SqliteExecutionStore store, String name) {
        ExecutionStart start = new ExecutionStart(arn(name), name, "arn:aws:states:us-east-1:123456789012:stateMachine:m",
                "m", "arn:aws:iam::123456789012:role/r", "us-east-1", "{}", T0, 42);
        Step step = interpreter.start(start);
        store.create(commit(arn(name), 0, step, T0), DEFINITION);
        return arn(name);
    }

    private void apply(SqliteExecutionStore store, String arn, Trigger trigger, Instant at) {
        ExecutionRecord loaded = store.load(arn).orElseThrow();
        Step step = interpreter.applyInPlace(loaded.state(), trigger, at);
        assertThat(store.commit(commit(arn, loaded.version(), step, at))).isTrue();
    }

    private static Commit commit(String arn, long expected, Step step, Instant at) {
        return new Commit(arn, expected, step.state(), step.events(), List.of(), List.of(), List.of(), List.of(),
                List.of(), at);
    }
}
