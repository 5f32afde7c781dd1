package io.stepwise.local.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one SQLite connection of a local runtime. SQLite allows a single writer, so every unit of work runs under
 * this object's lock; concurrent units are group-committed (one leader runs the queued works, each in its own
 * savepoint, under one {@code COMMIT}). WAL mode keeps a crash from corrupting committed data.
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
        // Until when (epoch ms, wall clock) an outbox task is held by whoever dispatched it; a sweep takes it after.
        """
        CREATE TABLE IF NOT EXISTS task_claims (
          execution_arn TEXT NOT NULL, ref TEXT NOT NULL, claimed_until INTEGER NOT NULL,
          PRIMARY KEY (execution_arn, ref)) WITHOUT ROWID""",
    };

    /** The most works one commit takes, so a steady stream of callers cannot keep one leader busy forever. */
    private static final int MAX_BATCH = 256;

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

    /** Runs once the transaction holding the work committed, still in commit order (under the database lock). */
    @FunctionalInterface
    public interface AfterCommit<T> {
        void committed(T result);
    }

    /** One caller's unit of work waiting for a leader to run and commit it. */
    private static final class Pending<T> {
        final Work<T> work;
        final AfterCommit<T> afterCommit;
        T result;
        Throwable failure;
        volatile boolean done;

        Pending(Work<T> work, AfterCommit<T> afterCommit) {
            this.work = work;
            this.afterCommit = afterCommit;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
    /** Prepared statements by SQL text, reused across transactions; only touched under {@link #lock}. */
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    /** Runs {@code work} in a transaction: committed if it returns, rolled back if it throws. */
    public <T> T transaction(Work<T> work) {
        return transaction(work, null);
    }

    /**
     * Runs {@code work} in a transaction: committed if it returns, rolled back if it throws. Group commit: the
     * works that callers queue while another transaction holds the connection run together, each in its own
     * savepoint (a failing work rolls back only its own changes), under one {@code COMMIT}; every caller returns
     * only after the commit that holds its work. {@code afterCommit} (may be {@code null}) runs after that commit,
     * in commit order, before any later transaction starts.
     */
    public <T> T transaction(Work<T> work, AfterCommit<T> afterCommit) {
        if (lock.isHeldByCurrentThread()) {
            // Nested call from inside a work: part of the enclosing transaction.
            try {
                T result = work.run(connection);
                if (afterCommit != null) {
                    afterCommit.committed(result);
                }
                return result;
            } catch (SQLException e) {
                throw new StoreException("SQLite: " + e.getMessage(), e);
            }
        }
        Pending<T> pending = new Pending<>(work, afterCommit);
        queue.add(pending);
        lock.lock();
        try {
            while (!pending.done) {
                runQueued();
            }
        } finally {
            lock.unlock();
        }
        if (pending.failure instanceof RuntimeException e) {
            throw e;
        }
        if (pending.failure instanceof Error e) {
            throw e;
        }
        return pending.result;
    }

    /** As the leader: runs every queued work (at least the caller's) in one transaction. Holds {@link #lock}. */
    private void runQueued() {
        List<Pending<?>> batch = new ArrayList<>();
        for (Pending<?> p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) {
            batch.add(p);
        }
        boolean savepoints = batch.size() > 1;
        for (Pending<?> p : batch) {
            runOne(p, savepoints);
        }
        try {
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            StoreException failure = new StoreException("SQLite: " + e.getMessage(), e);
            for (Pending<?> p : batch) {
                if (p.failure == null) {
                    p.failure = failure;
                }
            }
        }
        for (Pending<?> p : batch) {
            afterCommit(p);
            p.done = true;
        }
    }

    private <T> void runOne(Pending<T> p, boolean savepoint) {
        try {
            if (savepoint) {
                execute("SAVEPOINT work");
            }
            p.result = p.work.run(connection);
            if (savepoint) {
                execute("RELEASE work");
            }
        } catch (SQLException | RuntimeException | Error e) {
            p.failure = e instanceof SQLException ? new StoreException("SQLite: " + e.getMessage(), e) : e;
            if (savepoint) {
                try {
                    execute("ROLLBACK TO work");
                    execute("RELEASE work");
                } catch (SQLException inner) {
                    e.addSuppressed(inner);
                    rollbackQuietly();
                }
            } else {
                rollbackQuietly();
            }
        }
    }

    private static <T> void afterCommit(Pending<T> p) {
        if (p.failure == null && p.afterCommit != null) {
            try {
                p.afterCommit.committed(p.result);
            } catch (RuntimeException e) {
                p.failure = e;
            }
        }
    }

    private void execute(String sql) throws SQLException {
        statement(sql).execute();
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is unusable then; the next transaction reports it.
        }
    }

    /**
     * A prepared statement for {@code sql} on this connection, prepared once and reused; only valid inside a
     * {@link #transaction} work. Callers must not close it (close its result sets only).
     */
    public PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            for (PreparedStatement statement : statements.values()) {
                statement.close();
            }
            statements.clear();
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the database", e);
        } finally {
            lock.unlock();
        }
    }
}
