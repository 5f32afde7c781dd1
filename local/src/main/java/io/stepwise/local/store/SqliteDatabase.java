package io.stepwise.local.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one SQLite connection of a local runtime. SQLite allows a single writer, so every unit of work runs under
 * this object's lock in its own transaction; WAL mode keeps a crash from corrupting committed data.
 */
public final class SqliteDatabase implements AutoCloseable {
    /** The layout of the tables below; stored in {@code schema_info} and on every row holding serialised state. */
    public static final int FORMAT_VERSION = 1;

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS schema_info (format_version INTEGER NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS state_machines (
          arn TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, definition TEXT NOT NULL,
          role_arn TEXT NOT NULL, creation_date INTEGER NOT NULL, update_date INTEGER NOT NULL,
          revision INTEGER NOT NULL, tags TEXT NOT NULL, format_version INTEGER NOT NULL)""",
        """
        CREATE TABLE IF NOT EXISTS executions (
          arn TEXT PRIMARY KEY, state_machine_arn TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL,
          start_date INTEGER NOT NULL, stop_date INTEGER, version INTEGER NOT NULL, definition TEXT NOT NULL,
          state TEXT NOT NULL, format_version INTEGER NOT NULL)""",
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
          format_version INTEGER NOT NULL)""",
        """
        CREATE TABLE IF NOT EXISTS task_tokens (
          token_hash TEXT PRIMARY KEY, execution_arn TEXT NOT NULL, ref TEXT NOT NULL) WITHOUT ROWID""",
        // seq keeps the commit order, so a restart dispatches tasks again in the order they were first dispatched.
        """
        CREATE TABLE IF NOT EXISTS task_outbox (
          seq INTEGER PRIMARY KEY, execution_arn TEXT NOT NULL, ref TEXT NOT NULL,
          task TEXT NOT NULL, format_version INTEGER NOT NULL, UNIQUE (execution_arn, ref))""",
    };

    private final Connection connection;

    private SqliteDatabase(String url) {
        try {
            connection = DriverManager.getConnection(url);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("PRAGMA busy_timeout=5000");
                for (String ddl : SCHEMA) {
                    statement.execute(ddl);
                }
            }
            checkFormatVersion();
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new StoreException("cannot open " + url, e);
        }
    }

    /** Opens (creating if needed) {@code stepwise.db} in {@code dataDir}. */
    public static SqliteDatabase open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create " + dataDir, e);
        }
        return new SqliteDatabase("jdbc:sqlite:" + dataDir.resolve("stepwise.db").toAbsolutePath());
    }

    /** A private database that lives as long as this object. */
    public static SqliteDatabase inMemory() {
        return new SqliteDatabase("jdbc:sqlite::memory:");
    }

    private void checkFormatVersion() throws SQLException {
        try (Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT format_version FROM schema_info")) {
            if (!rows.next()) {
                statement.execute("INSERT INTO schema_info (format_version) VALUES (" + FORMAT_VERSION + ")");
            } else if (rows.getInt(1) != FORMAT_VERSION) {
                throw new StoreException("the data directory holds format version " + rows.getInt(1)
                        + ", this Stepwise reads version " + FORMAT_VERSION, null);
            }
        }
    }

    /** Work that runs inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in a transaction: committed if it returns, rolled back if it throws. */
    public synchronized <T> T transaction(Work<T> work) {
        try {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("SQLite: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the database", e);
        }
    }
}
