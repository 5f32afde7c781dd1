package io.stepwise.local.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The tables of the SQLite store, and the check that an existing database holds them in a format we read. */
final class StoreSchema {
    private static final String[] TABLES = {
        "CREATE TABLE IF NOT EXISTS schema_info (format_version INTEGER NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS state_machines (
          arn TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, definition TEXT NOT NULL,
          role_arn TEXT NOT NULL, creation_date INTEGER NOT NULL, update_date INTEGER NOT NULL,
          revision INTEGER NOT NULL, tags TEXT NOT NULL, format_version INTEGER NOT NULL, encryption TEXT,
          logging TEXT, tracing INTEGER NOT NULL DEFAULT 0)""",
        """
        CREATE TABLE IF NOT EXISTS executions (
          arn TEXT PRIMARY KEY, state_machine_arn TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL,
          start_date INTEGER NOT NULL, stop_date INTEGER, version INTEGER NOT NULL, definition TEXT NOT NULL,
          state TEXT NOT NULL, format_version INTEGER NOT NULL, redrive_date INTEGER)""",
        "CREATE INDEX IF NOT EXISTS executions_by_machine ON executions (state_machine_arn, start_date, arn)",
        """
        CREATE TABLE IF NOT EXISTS history_events (
          execution_arn TEXT NOT NULL, id INTEGER NOT NULL, previous_event_id INTEGER NOT NULL,
          timestamp INTEGER NOT NULL, type TEXT NOT NULL, details TEXT, format_version INTEGER NOT NULL,
          PRIMARY KEY (execution_arn, id)) WITHOUT ROWID""",
        """
        CREATE TABLE IF NOT EXISTS timers (
          execution_arn TEXT NOT NULL, ref TEXT NOT NULL, due_at INTEGER NOT NULL,
          PRIMARY KEY (execution_arn, ref)) WITHOUT ROWID""",
        "CREATE INDEX IF NOT EXISTS timers_by_due ON timers (due_at)",
        """
        CREATE TABLE IF NOT EXISTS activities (
          arn TEXT PRIMARY KEY, name TEXT NOT NULL, creation_date INTEGER NOT NULL, tags TEXT NOT NULL,
          format_version INTEGER NOT NULL, encryption TEXT)""",
        """
        CREATE TABLE IF NOT EXISTS task_tokens (
          token_hash TEXT PRIMARY KEY, execution_arn TEXT NOT NULL, ref TEXT NOT NULL) WITHOUT ROWID""",
        // seq keeps the commit order, so a restart dispatches tasks again in the order they were first dispatched.
        """
        CREATE TABLE IF NOT EXISTS task_outbox (
          seq INTEGER PRIMARY KEY, execution_arn TEXT NOT NULL, ref TEXT NOT NULL,
          task TEXT NOT NULL, format_version INTEGER NOT NULL, UNIQUE (execution_arn, ref))""",
        // The Map Runs of Distributed Maps: the record as JSON, with the columns a listing needs.
        """
        CREATE TABLE IF NOT EXISTS map_runs (
          arn TEXT PRIMARY KEY, execution_arn TEXT NOT NULL, start_date INTEGER NOT NULL, record TEXT NOT NULL,
          format_version INTEGER NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS map_runs_by_execution ON map_runs (execution_arn, start_date, arn)",
        // The ends of Express children of Map Runs, which have no execution record: a ChildResult as JSON.
        """
        CREATE TABLE IF NOT EXISTS map_run_children (
          map_run_arn TEXT NOT NULL, child_index INTEGER NOT NULL, redrive_count INTEGER NOT NULL,
          result TEXT NOT NULL, format_version INTEGER NOT NULL, PRIMARY KEY (map_run_arn, child_index)) WITHOUT ROWID""",
        // Until when (epoch ms, wall clock) an outbox task is held by whoever dispatched it; a sweep takes it after.
        """
        CREATE TABLE IF NOT EXISTS task_claims (
          execution_arn TEXT NOT NULL, ref TEXT NOT NULL, claimed_until INTEGER NOT NULL,
          PRIMARY KEY (execution_arn, ref)) WITHOUT ROWID""",
    };

    private StoreSchema() {
    }

    /**
     * Whether the database is new (no tables); otherwise it must be ours, in the format this code reads. Only reads,
     * so a database that is refused is left exactly as it was (its journal mode included).
     */
    static boolean isFreshOrOurs(Statement statement, Path file) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (var rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        if (tables.isEmpty()) {
            return true;
        }
        if (!tables.contains("schema_info")) {
            throw DatabaseFileCheck.refused(file, "holds tables that are not Stepwise's " + tables);
        }
        try (var rows = statement.executeQuery("SELECT format_version FROM schema_info")) {
            if (!rows.next()) {
                throw DatabaseFileCheck.refused(file, "has no format version in schema_info");
            }
            if (rows.getInt(1) != SqliteDatabase.FORMAT_VERSION) {
                throw new StoreRefusedException(file + " holds format version " + rows.getInt(1)
                        + ", this Stepwise reads version " + SqliteDatabase.FORMAT_VERSION);
            }
        }
        return false;
    }

    /**
     * Creates the tables that are missing and adds the columns later releases brought, in one transaction, so no
     * crash leaves a half-made schema behind; a new database also gets its format version in that transaction.
     */
    static void create(Statement statement, boolean fresh) throws SQLException {
        statement.execute("BEGIN");
        try {
            for (String ddl : TABLES) {
                statement.execute(ddl);
            }
            addRedriveDate(statement);
            addEncryption(statement, "state_machines");
            addColumn(statement, "state_machines", "logging", "TEXT");
            addColumn(statement, "state_machines", "tracing", "INTEGER NOT NULL DEFAULT 0");
            addEncryption(statement, "activities");
            if (fresh) {
                statement.execute("INSERT INTO schema_info (format_version) VALUES ("
                        + SqliteDatabase.FORMAT_VERSION + ")");
            }
            statement.execute("COMMIT");
        } catch (SQLException e) {
            statement.execute("ROLLBACK");
            throw e;
        }
    }

    /**
     * Databases from before logging and tracing configurations were kept get their columns; null logging reads as
     * OFF and tracing defaults to off, which every machine those releases created has.
     */
    private static void addColumn(Statement statement, String table, String column, String type)
            throws SQLException {
        try (var columns = statement.executeQuery("SELECT 1 FROM pragma_table_info('" + table + "')"
                + " WHERE name = '" + column + "'")) {
            if (columns.next()) {
                return;
            }
        }
        statement.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " " + type);
    }

    /**
     * Databases from before encryption configurations were kept get the nullable {@code encryption} column; null
     * reads as AWS's default, which every resource those releases created has.
     */
    private static void addEncryption(Statement statement, String table) throws SQLException {
        try (var columns = statement.executeQuery("SELECT 1 FROM pragma_table_info('" + table + "')"
                + " WHERE name = 'encryption'")) {
            if (columns.next()) {
                return;
            }
        }
        statement.execute("ALTER TABLE " + table + " ADD COLUMN encryption TEXT");
    }

    /**
     * Databases from before the {@code redrive_date} column get it, filled from the history's last
     * {@code ExecutionRedriven} event (the only place those releases kept it). An added nullable column leaves the
     * rows readable by older releases, so the format version stays.
     */
    private static void addRedriveDate(Statement statement) throws SQLException {
        try (var columns = statement.executeQuery("SELECT 1 FROM pragma_table_info('executions')"
                + " WHERE name = 'redrive_date'")) {
            if (columns.next()) {
                return;
            }
        }
        statement.execute("ALTER TABLE executions ADD COLUMN redrive_date INTEGER");
        statement.execute("""
                UPDATE executions SET redrive_date = (SELECT MAX(h.timestamp) FROM history_events h
                  WHERE h.execution_arn = executions.arn AND h.type = 'ExecutionRedriven')""");
    }
}
