package io.stepwise.local.store;

import io.stepwise.engine.port.Timer;
import io.stepwise.engine.port.TimerStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Fires the timers {@link SqliteExecutionStore} commits write; due times in epoch milliseconds. */
public final class SqliteTimerStore implements TimerStore {
    private final SqliteDatabase db;

    public SqliteTimerStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public List<Timer> due(Instant now, int limit) {
        return select("WHERE due_at <= ? ORDER BY due_at, execution_arn, ref LIMIT ?", now.toEpochMilli(), limit);
    }

    @Override
    public Optional<Timer> next() {
        return select("ORDER BY due_at, execution_arn, ref LIMIT ?", 1).stream().findFirst();
    }

    @Override
    public boolean remove(Timer timer) {
        return db.transaction(c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM timers WHERE execution_arn = ? AND ref = ? AND due_at = ?")) {
                delete.setString(1, timer.executionArn());
                delete.setString(2, timer.ref());
                delete.setLong(3, timer.dueAt().toEpochMilli());
                return delete.executeUpdate() == 1;
            }
        });
    }

    private List<Timer> select(String where, long... parameters) {
        return db.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT execution_arn, ref, due_at FROM timers " + where)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setLong(i + 1, parameters[i]);
                }
                List<Timer> timers = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        timers.add(new Timer(rows.getString(1), rows.getString(2), Instant.ofEpochMilli(rows.getLong(3))));
                    }
                }
                return timers;
            }
        });
    }
}
