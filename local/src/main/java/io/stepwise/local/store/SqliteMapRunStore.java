package io.stepwise.local.store;

import io.stepwise.engine.port.ChildResult;
import io.stepwise.engine.port.InvalidPageToken;
import io.stepwise.engine.port.MapRunRecord;
import io.stepwise.engine.port.MapRunStore;
import io.stepwise.engine.port.Page;
import io.stepwise.engine.port.PageTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Map Runs in SQLite: one row per run, the record kept as JSON beside the columns its listing sorts by. */
public final class SqliteMapRunStore implements MapRunStore {
    private final SqliteDatabase db;

    public SqliteMapRunStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public boolean create(MapRunRecord run) {
        return db.transaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT OR IGNORE INTO map_runs (arn, execution_arn,"
                    + " start_date, record, format_version) VALUES (?, ?, ?, ?, " + SqliteDatabase.FORMAT_VERSION
                    + ")")) {
                insert.setString(1, run.mapRunArn());
                insert.setString(2, run.executionArn());
                insert.setLong(3, run.startDate().toEpochMilli());
                insert.setString(4, SqliteJson.JSON.write(run));
                return insert.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<MapRunRecord> find(String mapRunArn) {
        return db.transaction(c -> find(c, mapRunArn));
    }

    private static Optional<MapRunRecord> find(Connection c, String mapRunArn) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT record FROM map_runs WHERE arn = ?")) {
            select.setString(1, mapRunArn);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(SqliteJson.JSON.read(rows.getString(1), MapRunRecord.class))
                        : Optional.empty();
            }
        }
    }

    @Override
    public boolean update(MapRunRecord expected, MapRunRecord updated) {
        return db.transaction(c -> {
            // Compared as records inside the write transaction, so the check and the write are one step.
            if (!find(c, expected.mapRunArn()).equals(Optional.of(expected))) {
                return false;
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE map_runs SET record = ? WHERE arn = ?")) {
                update.setString(1, SqliteJson.JSON.write(updated));
                update.setString(2, expected.mapRunArn());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Page<MapRunRecord> list(String executionArn, int maxResults, String nextToken) {
        String scope = "mapRuns\n" + executionArn;
        String after = PageTokens.decode(scope, nextToken);
        return db.transaction(c -> {
            String sql = "SELECT record, start_date, arn FROM map_runs WHERE execution_arn = ?"
                    + (after == null ? "" : " AND (start_date, arn) < (?, ?)")
                    + " ORDER BY start_date DESC, arn DESC LIMIT ?";
            try (PreparedStatement select = c.prepareStatement(sql)) {
                int p = 1;
                select.setString(p++, executionArn);
                if (after != null) {
                    int split = after.indexOf(' ');
                    try {
                        select.setLong(p++, Long.parseLong(after.substring(0, Math.max(split, 0))));
                    } catch (NumberFormatException e) {
                        throw new InvalidPageToken();
                    }
                    select.setString(p++, after.substring(split + 1));
                }
                select.setInt(p, maxResults + 1);
                List<MapRunRecord> items = new ArrayList<>();
                List<String> positions = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(SqliteJson.JSON.read(rows.getString(1), MapRunRecord.class));
                        positions.add(rows.getLong(2) + " " + rows.getString(3));
                    }
                }
                if (items.size() <= maxResults) {
                    return new Page<>(items, null);
                }
                return new Page<>(items.subList(0, maxResults),
                        PageTokens.encode(scope, positions.get(maxResults - 1)));
            }
        });
    }

    @Override
    public boolean putChildResult(String mapRunArn, int index, ChildResult result) {
        return db.transaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO map_run_children (map_run_arn,"
                    + " child_index, redrive_count, result, format_version) VALUES (?, ?, ?, ?, "
                    + SqliteDatabase.FORMAT_VERSION + ") ON CONFLICT (map_run_arn, child_index) DO UPDATE SET"
                    + " redrive_count = excluded.redrive_count, result = excluded.result"
                    + " WHERE excluded.redrive_count > map_run_children.redrive_count")) {
                insert.setString(1, mapRunArn);
                insert.setInt(2, index);
                insert.setInt(3, result.redriveCount());
                insert.setString(4, SqliteJson.JSON.write(result));
                return insert.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<ChildResult> childResult(String mapRunArn, int index) {
        return db.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT result FROM map_run_children WHERE map_run_arn = ? AND child_index = ?")) {
                select.setString(1, mapRunArn);
                select.setInt(2, index);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(SqliteJson.JSON.read(rows.getString(1), ChildResult.class))
                            : Optional.empty();
                }
            }
        });
    }
}
