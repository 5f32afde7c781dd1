package io.stepwise.local.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.Command;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.history.HistoryEventType;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.ExecutionSummary;
import io.stepwise.engine.port.HistoryCursor;
import io.stepwise.engine.port.InvalidPageToken;
import io.stepwise.engine.port.OutboxEntry;
import io.stepwise.engine.port.Page;
import io.stepwise.engine.port.PageTokens;
import io.stepwise.engine.port.TaskTokenGrant;
import io.stepwise.engine.port.Timer;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.engine.state.StateFormat;
import io.stepwise.engine.state.StateFormatException;
import io.stepwise.query.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Executions, history, task tokens, timers and the task outbox in SQLite. A commit is one transaction guarded by
 * {@code WHERE version = expected}, so a stale writer changes nothing. Task tokens are stored as SHA-256 hashes:
 * a copy of the database does not let anyone complete a task.
 */
public final class SqliteExecutionStore implements ExecutionStore {
    private static final String SUMMARY_COLUMNS = "arn, state_machine_arn, name, status, start_date, stop_date, redrive_date";

    private final SqliteDatabase db;
    private final StateCache cache = new StateCache();

    public SqliteExecutionStore(SqliteDatabase db) {
        this.db = db;
    }

    /**
     * A commit's rows written out as text, in the caller's thread: the database has one writer for the whole process,
     * so what it does per commit is kept to binding values and running statements.
     */
    private record CommitText(String state, String[] details, String[] tokenHashes, String[] tasks) {
        static CommitText of(Commit commit) {
            String[] details = new String[commit.events().size()];
            for (int i = 0; i < details.length; i++) {
                HistoryEvent event = commit.events().get(i);
                details[i] = event.details() == null ? null : Json.write(event.details());
            }
            String[] tokenHashes = new String[commit.tokens().size()];
            for (int i = 0; i < tokenHashes.length; i++) {
                tokenHashes[i] = hash(commit.tokens().get(i).token());
            }
            String[] tasks = new String[commit.tasks().size()];
            for (int i = 0; i < tasks.length; i++) {
                tasks[i] = SqliteJson.JSON.writeWithoutNulls(commit.tasks().get(i));
            }
            return new CommitText(StateFormat.CURRENT.write(commit.state()), details, tokenHashes, tasks);
        }
    }

    @Override
    public boolean create(Commit commit, String definition) {
        ExecutionState state = commit.state();
        CommitText text = CommitText.of(commit);
        return db.transaction(c -> {
            PreparedStatement insert = db.statement("INSERT OR IGNORE INTO executions (arn,"
                    + " state_machine_arn, name, status, start_date, stop_date, version, definition, state,"
                    + " format_version) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)");
            insert.setString(1, commit.executionArn());
            insert.setString(2, state.start.stateMachineArn());
            insert.setString(3, state.start.name());
            insert.setString(4, state.status.name());
            insert.setLong(5, state.start.startTime().toEpochMilli());
            setStopDate(insert, 6, commit);
            insert.setString(7, definition);
            insert.setString(8, text.state());
            insert.setInt(9, state.formatVersion);
            if (insert.executeUpdate() == 0) {
                return false;
            }
            append(commit, text);
            return true;
        }, created -> {
            if (created) {
                cache.committed(commit, 1, definition);
            }
        });
    }

    @Override
    public List<OutboxEntry> outbox() {
        return db.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT execution_arn, task FROM task_outbox ORDER BY seq")) {
                List<OutboxEntry> entries = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new OutboxEntry(rows.getString(1),
                                SqliteJson.JSON.read(rows.getString(2), Command.InvokeTask.class)));
                    }
                }
                return entries;
            }
        });
    }

    @Override
    public Optional<ExecutionRecord> load(String executionArn) {
        ExecutionRecord cached = cache.take(executionArn);
        if (cached != null) {
            return Optional.of(cached);
        }
        return db.transaction(c -> {
            PreparedStatement select = db.statement(
                    "SELECT state, definition, version, stop_date, format_version, redrive_date FROM executions"
                            + " WHERE arn = ?");
            select.setString(1, executionArn);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                String state = rows.getString(1);
                String definition = rows.getString(2);
                long version = rows.getLong(3);
                long stop = rows.getLong(4);
                Instant stopDate = rows.wasNull() ? null : Instant.ofEpochMilli(stop);
                long redrive = rows.getLong(6);
                Instant redriveDate = rows.wasNull() ? null : Instant.ofEpochMilli(redrive);
                return Optional.of(new ExecutionRecord(readState(executionArn, state), definition,
                        version, stopDate, redriveDate));
            }
        }, loaded -> loaded.ifPresent(record -> cache.loaded(record)));
    }

    @Override
    public boolean commit(Commit commit) {
        ExecutionState state = commit.state();
        CommitText text = CommitText.of(commit);
        return db.transaction(c -> {
            PreparedStatement update = db.statement("UPDATE executions SET status = ?, stop_date = ?,"
                    + " state = ?, format_version = ?, redrive_date = COALESCE(?, redrive_date),"
                    + " version = version + 1 WHERE arn = ? AND version = ?");
            update.setString(1, state.status.name());
            setStopDate(update, 2, commit);
            update.setString(3, text.state());
            update.setInt(4, state.formatVersion);
            Instant redrivenAt = commit.redrivenAt();
            if (redrivenAt == null) {
                update.setNull(5, Types.INTEGER);
            } else {
                update.setLong(5, redrivenAt.toEpochMilli());
            }
            update.setString(6, commit.executionArn());
            update.setLong(7, commit.expectedVersion());
            if (update.executeUpdate() == 0) {
                return false;
            }
            append(commit, text);
            return true;
        }, committed -> {
            if (committed) {
                cache.committed(commit, commit.expectedVersion() + 1, null);
            }
        });
    }

    /** A state written by an older Stepwise is upgraded; one this Stepwise cannot read is refused, never misread. */
    private static ExecutionState readState(String executionArn, String text) {
        try {
            return StateFormat.CURRENT.read(executionArn, text);
        } catch (StateFormatException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    private static void setStopDate(PreparedStatement statement, int index, Commit commit) throws SQLException {
        if (commit.state().status == ExecutionStatus.RUNNING) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, commit.at().toEpochMilli());
        }
    }

    /** Everything a commit adds besides the execution row; runs in the caller's transaction. */
    private void append(Commit commit, CommitText text) throws SQLException {
        if (!commit.events().isEmpty()) {
            PreparedStatement insert = db.statement("INSERT INTO history_events (execution_arn, id,"
                    + " previous_event_id, timestamp, type, details, format_version) VALUES (?, ?, ?, ?, ?, ?, ?)");
            for (int i = 0; i < text.details().length; i++) {
                HistoryEvent event = commit.events().get(i);
                insert.setString(1, commit.executionArn());
                insert.setLong(2, event.id());
                insert.setLong(3, event.previousEventId());
                insert.setLong(4, event.timestamp().toEpochMilli());
                insert.setString(5, event.type().wireName());
                insert.setString(6, text.details()[i]);
                insert.setInt(7, SqliteDatabase.FORMAT_VERSION);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        if (!commit.tokens().isEmpty()) {
            PreparedStatement insert = db.statement(
                    "INSERT OR REPLACE INTO task_tokens (token_hash, execution_arn, ref) VALUES (?, ?, ?)");
            for (int i = 0; i < text.tokenHashes().length; i++) {
                TaskTokenGrant grant = commit.tokens().get(i);
                insert.setString(1, text.tokenHashes()[i]);
                insert.setString(2, grant.executionArn());
                insert.setString(3, grant.ref());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        writeTimers(commit);
        writeOutbox(commit, text);
    }

    private void writeTimers(Commit commit) throws SQLException {
        if (!commit.firedTimers().isEmpty()) {
            // Before the upserts: a step may start its fired timer's ref again with a new due time.
            PreparedStatement delete = db.statement(
                    "DELETE FROM timers WHERE execution_arn = ? AND ref = ? AND due_at = ?");
            for (Timer fired : commit.firedTimers()) {
                delete.setString(1, fired.executionArn());
                delete.setString(2, fired.ref());
                delete.setLong(3, fired.dueAt().toEpochMilli());
                delete.addBatch();
            }
            delete.executeBatch();
        }
        if (!commit.cancelledTimers().isEmpty()) {
            PreparedStatement delete = db.statement("DELETE FROM timers WHERE execution_arn = ? AND ref = ?");
            for (String ref : commit.cancelledTimers()) {
                delete.setString(1, commit.executionArn());
                delete.setString(2, ref);
                delete.addBatch();
            }
            delete.executeBatch();
        }
        if (!commit.timers().isEmpty()) {
            PreparedStatement upsert = db.statement("INSERT INTO timers (execution_arn, ref, due_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT (execution_arn, ref) DO UPDATE SET due_at = excluded.due_at");
            for (Timer timer : commit.timers()) {
                upsert.setString(1, commit.executionArn());
                upsert.setString(2, timer.ref());
                upsert.setLong(3, timer.dueAt().toEpochMilli());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private void writeOutbox(Commit commit, CommitText text) throws SQLException {
        if (!commit.settledTasks().isEmpty()) {
            PreparedStatement delete = db.statement("DELETE FROM task_outbox WHERE execution_arn = ? AND ref = ?");
            PreparedStatement unclaim = db.statement("DELETE FROM task_claims WHERE execution_arn = ? AND ref = ?");
            for (String ref : commit.settledTasks()) {
                delete.setString(1, commit.executionArn());
                delete.setString(2, ref);
                delete.addBatch();
                unclaim.setString(1, commit.executionArn());
                unclaim.setString(2, ref);
                unclaim.addBatch();
            }
            delete.executeBatch();
            unclaim.executeBatch();
        }
        if (!commit.tasks().isEmpty()) {
            PreparedStatement insert = db.statement("INSERT OR REPLACE INTO task_outbox (execution_arn, ref,"
                    + " task, format_version) VALUES (?, ?, ?, ?)");
            PreparedStatement claim = db.statement("INSERT OR REPLACE INTO task_claims (execution_arn, ref,"
                    + " claimed_until) VALUES (?, ?, ?)");
            // The wall clock, not the execution's (possibly virtual) one: a claim measures how long a call may take.
            long now = System.currentTimeMillis();
            for (int i = 0; i < text.tasks().length; i++) {
                Command.InvokeTask task = commit.tasks().get(i);
                insert.setString(1, commit.executionArn());
                insert.setString(2, task.ref());
                insert.setString(3, text.tasks()[i]);
                insert.setInt(4, SqliteDatabase.FORMAT_VERSION);
                insert.addBatch();
                claim.setString(1, commit.executionArn());
                claim.setString(2, task.ref());
                claim.setLong(3, now + firstClaimMillis(task));
                claim.addBatch();
            }
            insert.executeBatch();
            claim.executeBatch();
        }
    }

    /** As long as the task's call may take: its timeout, else AWS's 900-second Lambda limit, plus a minute. */
    private static long firstClaimMillis(Command.InvokeTask task) {
        long seconds = task.timeoutSeconds() != null ? task.timeoutSeconds() : 900;
        return (seconds + 60) * 1000;
    }

    @Override
    public List<OutboxEntry> claimOutbox(Instant now, Instant until, int limit) {
        return db.transaction(c -> {
            List<OutboxEntry> entries = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT o.execution_arn, o.task FROM task_outbox o"
                    + " JOIN task_claims k ON k.execution_arn = o.execution_arn AND k.ref = o.ref"
                    + " WHERE k.claimed_until <= ? ORDER BY o.seq LIMIT ?")) {
                select.setLong(1, now.toEpochMilli());
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new OutboxEntry(rows.getString(1),
                                SqliteJson.JSON.read(rows.getString(2), Command.InvokeTask.class)));
                    }
                }
            }
            for (OutboxEntry entry : entries) {
                setClaim(c, entry.executionArn(), entry.task().ref(), until);
            }
            return entries;
        });
    }

    @Override
    public void claim(String executionArn, String ref, Instant until) {
        db.transaction(c -> {
            setClaim(c, executionArn, ref, until);
            return null;
        });
    }

    private static void setClaim(Connection c, String executionArn, String ref, Instant until) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE task_claims SET claimed_until = ? WHERE execution_arn = ? AND ref = ?")) {
            update.setLong(1, until.toEpochMilli());
            update.setString(2, executionArn);
            update.setString(3, ref);
            update.executeUpdate();
        }
    }

    @Override
    public Page<ExecutionSummary> list(String stateMachineArn, ExecutionStatus status, int maxResults,
            String nextToken) {
        String scope = "executions\n" + stateMachineArn + "\n" + status;
        String after = PageTokens.decode(scope, nextToken);
        long afterStart = Long.MAX_VALUE;
        String afterArn = "";
        if (after != null) {
            int colon = after.indexOf(':');
            try {
                afterStart = Long.parseLong(after.substring(0, colon));
            } catch (RuntimeException e) {
                throw new InvalidPageToken();
            }
            afterArn = after.substring(colon + 1);
        }
        long start = afterStart;
        String arn = afterArn;
        return db.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + SUMMARY_COLUMNS + " FROM executions"
                    + " WHERE state_machine_arn = ? AND (? IS NULL OR status = ?)"
                    + " AND (start_date < ? OR (start_date = ? AND arn < ?) OR ? = 0)"
                    + " ORDER BY start_date DESC, arn DESC LIMIT ?")) {
                String statusName = status == null ? null : status.name();
                select.setString(1, stateMachineArn);
                select.setString(2, statusName);
                select.setString(3, statusName);
                select.setLong(4, start);
                select.setLong(5, start);
                select.setString(6, arn);
                select.setInt(7, after == null ? 0 : 1);
                select.setInt(8, maxResults + 1);
                List<ExecutionSummary> items = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(new ExecutionSummary(rows.getString(1), rows.getString(2), rows.getString(3),
                                ExecutionStatus.valueOf(rows.getString(4)), Instant.ofEpochMilli(rows.getLong(5)),
                                instantOrNull(rows, "stop_date"), instantOrNull(rows, "redrive_date")));
                    }
                }
                if (items.size() <= maxResults) {
                    return new Page<>(items, null);
                }
                List<ExecutionSummary> page = items.subList(0, maxResults);
                ExecutionSummary last = page.get(maxResults - 1);
                return new Page<>(page, PageTokens.encode(scope,
                        last.startDate().toEpochMilli() + ":" + last.executionArn()));
            }
        });
    }

    @Override
    public Page<HistoryEvent> history(String executionArn, int maxResults, String nextToken, boolean reverse) {
        HistoryCursor cursor = HistoryCursor.of(executionArn, reverse, nextToken);
        long afterId = cursor.afterId();
        int limit = maxResults == Integer.MAX_VALUE ? Integer.MAX_VALUE : maxResults + 1;
        return db.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT id, previous_event_id, timestamp, type, details"
                    + " FROM history_events WHERE execution_arn = ? AND id " + (reverse ? "<" : ">") + " ?"
                    + " ORDER BY id " + (reverse ? "DESC" : "ASC") + " LIMIT ?")) {
                select.setString(1, executionArn);
                select.setLong(2, afterId);
                select.setInt(3, limit);
                List<HistoryEvent> events = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String details = rows.getString(5);
                        events.add(new HistoryEvent(rows.getLong(1), rows.getLong(2),
                                Instant.ofEpochMilli(rows.getLong(3)), HistoryEventType.fromWireName(rows.getString(4)),
                                details == null ? null : (ObjectNode) Json.parse(details)));
                    }
                }
                if (events.size() <= maxResults) {
                    return new Page<>(events, null);
                }
                List<HistoryEvent> page = events.subList(0, maxResults);
                return new Page<>(page, cursor.next(page.get(maxResults - 1).id()));
            }
        });
    }

    @Override
    public Optional<TaskTokenGrant> findTaskToken(String token) {
        return db.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT execution_arn, ref FROM task_tokens WHERE token_hash = ?")) {
                select.setString(1, hash(token));
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new TaskTokenGrant(token, rows.getString(1), rows.getString(2)))
                            : Optional.empty();
                }
            }
        });
    }

    private static Instant instantOrNull(ResultSet rows, String column) throws SQLException {
        long millis = rows.getLong(column);
        return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
