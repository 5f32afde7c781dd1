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
import java.util.Properties;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The one SQLite connection of a local runtime. SQLite allows a single writer, so one thread of this object owns
 * the connection and runs every unit of work; concurrent units are group-committed (the writer runs the queued
 * works, each in its own savepoint, under one {@code COMMIT}). WAL mode keeps a crash from corrupting committed data; {@link Durability}
 * decides whether a commit is also on disk when its callers are answered. A failed commit is rolled back and the
 * connection stays usable: when the disk is full, reads still work and writes work again once there is room.
 */
public final class SqliteDatabase implements AutoCloseable {
    /**
     * The layout of the tables in {@link StoreSchema}; stored in {@code schema_info} and on every row holding
     * serialised state.
     */
    public static final int FORMAT_VERSION = 1;

    /** The most works one commit takes, so the first callers of a long stream are answered without waiting for it. */
    private static final int MAX_BATCH = 256;

    private final Connection connection;
    /** The data directory's lock, held while this database is open; {@code null} in memory. */
    private final DataDirLock dataDirLock;

    private SqliteDatabase(String url, Path file, Durability durability, DataDirLock dataDirLock) {
        this.dataDirLock = dataDirLock;
        try {
            // No generated keys are read, and looking for them costs a regular expression on every statement.
            Properties properties = new Properties();
            properties.setProperty("jdbc.get_generated_keys", "false");
            connection = DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw file == null ? new StoreException("cannot open " + url, e)
                    : DatabaseFileCheck.refused(file, "cannot be opened (" + e.getMessage() + ")");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout=5000");
            if (file != null) {
                DatabaseFileCheck.afterOpen(connection, file);
            }
            boolean fresh = StoreSchema.isFreshOrOurs(statement, file);
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=" + durability.synchronous);
            StoreSchema.create(statement, fresh);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw file == null ? new StoreException("cannot open " + url, e)
                    : DatabaseFileCheck.damaged(file, (SQLException) e);
        }
        writer = new Thread(this::write, "stepwise-sqlite-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens (creating if needed) {@code stepwise.db} in {@code dataDir}, which this process then owns until
     * {@link #close}.
     *
     * @throws StoreRefusedException when another process owns {@code dataDir}, or its database is not Stepwise's
     *     or is damaged
     */
    public static SqliteDatabase open(Path dataDir, Durability durability) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreRefusedException("cannot create " + dataDir + ": " + e);
        }
        DataDirLock lock = DataDirLock.acquire(dataDir);
        try {
            Path file = dataDir.resolve("stepwise.db").toAbsolutePath();
            DatabaseFileCheck.beforeOpen(file);
            return new SqliteDatabase("jdbc:sqlite:" + file, file, durability, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** {@link #open(Path, Durability)} with {@link Durability#FULL}. */
    public static SqliteDatabase open(Path dataDir) {
        return open(dataDir, Durability.FULL);
    }

    /** A private database that lives as long as this object. */
    public static SqliteDatabase inMemory() {
        return new SqliteDatabase("jdbc:sqlite::memory:", null, Durability.RELAXED, null);
    }

    /** Work that runs inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs once the transaction holding the work committed, still in commit order (on the writer thread). */
    @FunctionalInterface
    public interface AfterCommit<T> {
        void committed(T result);
    }

    /** One caller's unit of work waiting for the writer to run and commit it. */
    private static final class Pending<T> {
        final Work<T> work;
        final AfterCommit<T> afterCommit;
        final Thread caller;
        T result;
        Throwable failure;
        volatile boolean done;

        Pending(Work<T> work, AfterCommit<T> afterCommit, Thread caller) {
            this.work = work;
            this.afterCommit = afterCommit;
            this.caller = caller;
        }

        void fail(Throwable cause) {
            result = null;
            failure = cause;
        }

        /** Answers the caller; the writer touches this work no more. */
        void finish() {
            done = true;
            if (caller != null) {
                LockSupport.unpark(caller);
            }
        }
    }

    /** Queued last by {@link #close}: the writer closes the connection when it reaches it, and stops. */
    private final Pending<Void> closeMarker = new Pending<>(c -> null, null, null);

    private final LinkedBlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    /** Guards {@link #closed}, so no caller queues behind {@link #closeMarker} where nobody would answer it. */
    private final Object admission = new Object();
    private boolean closed;
    /** Prepared statements by SQL text, reused across transactions; only touched by the writer. */
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Thread writer;
    private StoreException closeFailure;

    /** Runs {@code work} in a transaction: committed if it returns, rolled back if it throws. */
    public <T> T transaction(Work<T> work) {
        return transaction(work, null);
    }

    /**
     * Runs {@code work} in a transaction: committed if it returns, rolled back if it throws. Group commit: one
     * writer thread owns the connection and runs the works callers queue, as many as are waiting, together, each
     * in its own savepoint (a failing work rolls back only its own changes), under one {@code COMMIT}; every caller
     * returns only after the commit that holds its work. {@code afterCommit} (may be {@code null}) runs after that
     * commit, in commit order, before any later transaction starts.
     *
     * <p>Callers wait for their own work, never for the connection: the writer answers each caller of a group as
     * soon as the group's commit is done, so none of them sits through the next group's commit too.
     *
     * <p>A work may run more than once: when another work's failure costs the whole group its transaction (SQLite's
     * answer to a full disk), the others run again in a new one. So a work changes nothing but the database; what
     * must happen once, after the commit, belongs in {@code afterCommit}. A caller that gets an exception can rely on
     * nothing of its work having been committed.
     */
    public <T> T transaction(Work<T> work, AfterCommit<T> afterCommit) {
        if (Thread.currentThread() == writer) {
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
        Pending<T> pending = new Pending<>(work, afterCommit, Thread.currentThread());
        synchronized (admission) {
            if (closed) {
                throw new StoreException("the database is closed", null);
            }
            queue.add(pending);
        }
        // An interrupt does not abandon the work, which may be committing already: the caller still learns how it
        // ended, and keeps its interrupt for afterwards.
        boolean interrupted = false;
        while (!pending.done) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (pending.failure instanceof RuntimeException e) {
            throw e;
        }
        if (pending.failure instanceof Error e) {
            throw e;
        }
        return pending.result;
    }

    /** The writer's loop: takes every queued work (up to a batch), commits them together, answers their callers. */
    private void write() {
        List<Pending<?>> batch = new ArrayList<>();
        while (true) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean closing = batch.remove(closeMarker);
            try {
                for (List<Pending<?>> works = batch; !works.isEmpty(); ) {
                    works = commitTogether(works);
                }
            } catch (RuntimeException | Error unexpected) {
                for (Pending<?> p : batch) {
                    if (p.failure == null) {
                        p.fail(unexpected);
                    }
                }
            }
            for (Pending<?> p : batch) {
                p.finish();
            }
            if (closing) {
                closeConnection();
                return;
            }
        }
    }

    /**
     * Runs {@code works} in one transaction, each in its own savepoint, commits, and returns the works to run again.
     * On SQLITE_FULL or an I/O error SQLite may abandon the whole transaction rather than the one statement; then the
     * works before the failing one lost their changes and those after it have not run, through no fault of theirs,
     * so they go again in a fresh transaction. When the {@code COMMIT} itself fails nobody can be blamed, so each
     * work is retried in a transaction of its own: reads and writes that fit still succeed, and every work whose
     * caller hears of a failure has been rolled back.
     */
    private List<Pending<?>> commitTogether(List<Pending<?>> works) {
        if (!begin(works)) {
            return List.of();
        }
        List<Pending<?>> done = new ArrayList<>();
        for (int i = 0; i < works.size(); i++) {
            Pending<?> p = works.get(i);
            if (!runInSavepoint(p)) {
                rollbackQuietly();
                List<Pending<?>> again = new ArrayList<>();
                for (Pending<?> innocent : done) {
                    if (innocent.failure == null) {
                        again.add(innocent);
                    }
                }
                again.addAll(works.subList(i + 1, works.size()));
                return again;
            }
            done.add(p);
        }
        try {
            execute("COMMIT");
        } catch (SQLException e) {
            rollbackQuietly();
            if (works.size() == 1) {
                works.get(0).fail(new StoreException("SQLite: " + e.getMessage(), e));
            } else {
                for (Pending<?> p : works) {
                    if (p.failure == null) {
                        commitTogether(List.of(p));
                    }
                }
            }
            return List.of();
        }
        for (Pending<?> p : works) {
            afterCommit(p);
        }
        return List.of();
    }

    /** Starts a transaction, first ending one that an earlier failure may have left open. */
    private boolean begin(List<Pending<?>> works) {
        try {
            execute("BEGIN");
            return true;
        } catch (SQLException first) {
            rollbackQuietly();
            try {
                execute("BEGIN");
                return true;
            } catch (SQLException e) {
                StoreException failure = new StoreException("SQLite: " + e.getMessage(), e);
                for (Pending<?> p : works) {
                    p.fail(failure);
                }
                return false;
            }
        }
    }

    /**
     * Runs one work in a savepoint; a work that throws has its own changes rolled back. Returns {@code false} when
     * the enclosing transaction is gone (SQLite rolled it back), which the missing savepoint reveals.
     */
    private <T> boolean runInSavepoint(Pending<T> p) {
        p.result = null;
        p.failure = null;
        try {
            execute("SAVEPOINT work");
        } catch (SQLException e) {
            p.fail(new StoreException("SQLite: " + e.getMessage(), e));
            return false;
        }
        try {
            p.result = p.work.run(connection);
        } catch (SQLException | RuntimeException | Error e) {
            p.fail(e instanceof SQLException ? new StoreException("SQLite: " + e.getMessage(), e) : e);
            forgetStatements();
            try {
                execute("ROLLBACK TO work");
                execute("RELEASE work");
                return true;
            } catch (SQLException lost) {
                e.addSuppressed(lost);
                return false;
            }
        }
        try {
            execute("RELEASE work");
            return true;
        } catch (SQLException lost) {
            // The work carried on past an error that ended the transaction.
            p.fail(new StoreException("SQLite: " + lost.getMessage(), lost));
            return false;
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
        try {
            statement(sql).execute();
        } catch (SQLException e) {
            forgetStatements();
            throw e;
        }
    }

    /**
     * Closes every cached statement. The driver finalizes a statement whose execution failed, and a finalized one
     * cannot be told apart from a live one, so after any failure none of them is trusted.
     */
    private void forgetStatements() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // Already unusable, which is why it goes.
            }
        }
        statements.clear();
    }

    private void rollbackQuietly() {
        try {
            execute("ROLLBACK");
        } catch (SQLException ignored) {
            // No transaction was active (SQLite had already rolled it back), or the next BEGIN reports the problem.
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

    /**
     * Closes the database once every work queued before this call has been answered (works queued later fail),
     * then releases the data directory.
     */
    @Override
    public void close() {
        if (Thread.currentThread() == writer) {
            throw new IllegalStateException("a work cannot close the database it runs in");
        }
        synchronized (admission) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(closeMarker);
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (dataDirLock != null) {
            dataDirLock.close();
        }
        if (closeFailure != null) {
            throw closeFailure;
        }
    }

    private void closeConnection() {
        try {
            for (PreparedStatement statement : statements.values()) {
                statement.close();
            }
            statements.clear();
            connection.close();
        } catch (SQLException e) {
            closeFailure = new StoreException("cannot close the database", e);
        }
    }
}
