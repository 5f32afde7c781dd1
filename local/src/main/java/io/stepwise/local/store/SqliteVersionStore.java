package io.stepwise.local.store;

import io.stepwise.engine.port.StateMachineAliasRecord;
import io.stepwise.engine.port.StateMachineRecord;
import io.stepwise.engine.port.StateMachineVersionRecord;
import io.stepwise.engine.port.StateMachineVersionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * State machine versions and aliases in SQLite. Its tables are its own and created here, so the core schema of
 * {@link SqliteDatabase} is unchanged; every row carries the format version like the core tables.
 */
public final class SqliteVersionStore implements StateMachineVersionStore {
    private static final String[] SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS state_machine_versions (
          arn TEXT PRIMARY KEY, state_machine_arn TEXT NOT NULL, version INTEGER NOT NULL, definition TEXT NOT NULL,
          role_arn TEXT NOT NULL, revision INTEGER NOT NULL, description TEXT, creation_date INTEGER NOT NULL,
          format_version INTEGER NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS versions_by_machine ON state_machine_versions (state_machine_arn, version)",
        """
        CREATE TABLE IF NOT EXISTS state_machine_version_counters (
          state_machine_arn TEXT PRIMARY KEY, last_version INTEGER NOT NULL)""",
        """
        CREATE TABLE IF NOT EXISTS state_machine_aliases (
          arn TEXT PRIMARY KEY, state_machine_arn TEXT NOT NULL, name TEXT NOT NULL, description TEXT,
          routes TEXT NOT NULL, creation_date INTEGER NOT NULL, update_date INTEGER NOT NULL,
          format_version INTEGER NOT NULL)""",
        """
        CREATE TABLE IF NOT EXISTS execution_sources (
          execution_arn TEXT PRIMARY KEY, version_arn TEXT NOT NULL, alias_arn TEXT)""",
    };
    private static final String VERSION_COLUMNS =
            "arn, state_machine_arn, version, definition, role_arn, revision, description, creation_date";
    private static final String ALIAS_COLUMNS =
            "arn, state_machine_arn, name, description, routes, creation_date, update_date";

    private final SqliteDatabase db;

    public SqliteVersionStore(SqliteDatabase db) {
        this.db = db;
        db.transaction(c -> {
            try (Statement statement = c.createStatement()) {
                for (String ddl : SCHEMA) {
                    statement.execute(ddl);
                }
            }
            return null;
        });
    }

    @Override
    public Optional<StateMachineVersionRecord> publish(StateMachineRecord machine, String description, Instant now) {
        return db.transaction(c -> {
            if (!isStored(c, machine)) {
                return Optional.empty();
            }
            List<StateMachineVersionRecord> newest = selectVersions(c, machine.arn(), 1);
            if (!newest.isEmpty() && newest.get(0).revision() == machine.revision()
                    && newest.get(0).definition().equals(machine.definition())
                    && newest.get(0).roleArn().equals(machine.roleArn())) {
                return Optional.of(newest.get(0));
            }
            long version;
            try (PreparedStatement next = c.prepareStatement("INSERT INTO state_machine_version_counters"
                    + " (state_machine_arn, last_version) VALUES (?, 1) ON CONFLICT (state_machine_arn)"
                    + " DO UPDATE SET last_version = last_version + 1 RETURNING last_version")) {
                next.setString(1, machine.arn());
                try (ResultSet rows = next.executeQuery()) {
                    rows.next();
                    version = rows.getLong(1);
                }
            }
            StateMachineVersionRecord record = new StateMachineVersionRecord(machine.arn() + ":" + version,
                    machine.arn(), version, machine.definition(), machine.roleArn(), machine.revision(), description,
                    now);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO state_machine_versions (" + VERSION_COLUMNS
                    + ", format_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, " + SqliteDatabase.FORMAT_VERSION + ")")) {
                insert.setString(1, record.arn());
                insert.setString(2, record.stateMachineArn());
                insert.setLong(3, record.version());
                insert.setString(4, record.definition());
                insert.setString(5, record.roleArn());
                insert.setLong(6, record.revision());
                insert.setString(7, record.description());
                insert.setLong(8, record.creationDate().toEpochMilli());
                insert.executeUpdate();
            }
            return Optional.of(record);
        });
    }

    /** Whether the state machine table still holds {@code machine} at the revision it was read. */
    private static boolean isStored(Connection c, StateMachineRecord machine) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT definition, role_arn, revision FROM state_machines WHERE arn = ?")) {
            select.setString(1, machine.arn());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() && rows.getString(1).equals(machine.definition())
                        && rows.getString(2).equals(machine.roleArn()) && rows.getLong(3) == machine.revision();
            }
        }
    }

    @Override
    public Optional<StateMachineVersionRecord> findVersion(String versionArn) {
        return db.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT " + VERSION_COLUMNS + " FROM state_machine_versions WHERE arn = ?")) {
                select.setString(1, versionArn);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(readVersion(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<StateMachineVersionRecord> versions(String stateMachineArn) {
        return db.transaction(c -> selectVersions(c, stateMachineArn, Integer.MAX_VALUE));
    }

    private static List<StateMachineVersionRecord> selectVersions(Connection c, String machineArn, int limit)
            throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + VERSION_COLUMNS
                + " FROM state_machine_versions WHERE state_machine_arn = ? ORDER BY version DESC LIMIT ?")) {
            select.setString(1, machineArn);
            select.setInt(2, limit);
            List<StateMachineVersionRecord> versions = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    versions.add(readVersion(rows));
                }
            }
            return versions;
        }
    }

    @Override
    public boolean deleteVersion(String versionArn) {
        return deleteWhere("DELETE FROM state_machine_versions WHERE arn = ?", versionArn) == 1;
    }

    @Override
    public boolean createAlias(StateMachineAliasRecord alias) {
        return db.transaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT OR IGNORE INTO state_machine_aliases ("
                    + ALIAS_COLUMNS + ", format_version) VALUES (?, ?, ?, ?, ?, ?, ?, "
                    + SqliteDatabase.FORMAT_VERSION + ")")) {
                bindAlias(insert, alias);
                return insert.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean updateAlias(StateMachineAliasRecord alias) {
        return db.transaction(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE state_machine_aliases SET arn = ?,"
                    + " state_machine_arn = ?, name = ?, description = ?, routes = ?, creation_date = ?,"
                    + " update_date = ? WHERE arn = ?")) {
                bindAlias(update, alias);
                update.setString(8, alias.arn());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<StateMachineAliasRecord> findAlias(String aliasArn) {
        return db.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT " + ALIAS_COLUMNS + " FROM state_machine_aliases WHERE arn = ?")) {
                select.setString(1, aliasArn);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(readAlias(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<StateMachineAliasRecord> aliases(String stateMachineArn) {
        return db.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + ALIAS_COLUMNS
                    + " FROM state_machine_aliases WHERE state_machine_arn = ? ORDER BY name")) {
                select.setString(1, stateMachineArn);
                List<StateMachineAliasRecord> aliases = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        aliases.add(readAlias(rows));
                    }
                }
                return aliases;
            }
        });
    }

    @Override
    public boolean deleteAlias(String aliasArn) {
        return deleteWhere("DELETE FROM state_machine_aliases WHERE arn = ?", aliasArn) == 1;
    }

    @Override
    public void deleteAll(String stateMachineArn) {
        db.transaction(c -> {
            for (String table : List.of("state_machine_versions", "state_machine_aliases",
                    "state_machine_version_counters")) {
                try (PreparedStatement delete = c.prepareStatement(
                        "DELETE FROM " + table + " WHERE state_machine_arn = ?")) {
                    delete.setString(1, stateMachineArn);
                    delete.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void recordExecutionSource(String executionArn, String versionArn, String aliasArn) {
        db.transaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT OR REPLACE INTO execution_sources"
                    + " (execution_arn, version_arn, alias_arn) VALUES (?, ?, ?)")) {
                insert.setString(1, executionArn);
                insert.setString(2, versionArn);
                insert.setString(3, aliasArn);
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<ExecutionSource> executionSource(String executionArn) {
        return db.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT version_arn, alias_arn FROM execution_sources WHERE execution_arn = ?")) {
                select.setString(1, executionArn);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new ExecutionSource(rows.getString(1), rows.getString(2)))
                            : Optional.empty();
                }
            }
        });
    }

    private int deleteWhere(String sql, String arn) {
        return db.transaction(c -> {
            try (PreparedStatement delete = c.prepareStatement(sql)) {
                delete.setString(1, arn);
                return delete.executeUpdate();
            }
        });
    }

    private static void bindAlias(PreparedStatement statement, StateMachineAliasRecord a) throws SQLException {
        statement.setString(1, a.arn());
        statement.setString(2, a.stateMachineArn());
        statement.setString(3, a.name());
        statement.setString(4, a.description());
        statement.setString(5, SqliteJson.JSON.write(a.routes()));
        statement.setLong(6, a.creationDate().toEpochMilli());
        statement.setLong(7, a.updateDate().toEpochMilli());
    }

    private static StateMachineVersionRecord readVersion(ResultSet rows) throws SQLException {
        return new StateMachineVersionRecord(rows.getString("arn"), rows.getString("state_machine_arn"),
                rows.getLong("version"), rows.getString("definition"), rows.getString("role_arn"),
                rows.getLong("revision"), rows.getString("description"),
                Instant.ofEpochMilli(rows.getLong("creation_date")));
    }

    private static StateMachineAliasRecord readAlias(ResultSet rows) throws SQLException {
        StateMachineAliasRecord.Route[] routes = SqliteJson.JSON.read(rows.getString("routes"),
                StateMachineAliasRecord.Route[].class);
        return new StateMachineAliasRecord(rows.getString("arn"), rows.getString("state_machine_arn"),
                rows.getString("name"), rows.getString("description"), List.of(routes),
                Instant.ofEpochMilli(rows.getLong("creation_date")), Instant.ofEpochMilli(rows.getLong("update_date")));
    }
}
