package io.stepwise.local.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.stepwise.engine.port.PageTokens;
import io.stepwise.engine.port.EncryptionConfiguration;
import io.stepwise.engine.port.LoggingConfiguration;
import io.stepwise.engine.port.Page;
import io.stepwise.asl.StateMachineType;
import io.stepwise.engine.port.StateMachineRecord;
import io.stepwise.engine.port.StateMachineStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Optional;

/** State machines in SQLite. */
public final class SqliteStateMachineStore implements StateMachineStore {
    private static final String COLUMNS =
            "arn, name, type, definition, role_arn, creation_date, update_date, revision, tags, encryption, logging,"
            + " tracing";
    private static final String PAGE_SCOPE = "state-machines";

    private static final int MAX_CACHED = 1_024;

    private final SqliteDatabase db;
    /**
     * Found state machines by ARN, since every StartExecution looks its machine up. Filled only by a read that no
     * write overtook ({@link #writes} unchanged), emptied by every committed write.
     */
    private final Map<String, StateMachineRecord> cache = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();

    public SqliteStateMachineStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public boolean create(StateMachineRecord machine) {
        return db.transaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT OR IGNORE INTO state_machines (" + COLUMNS
                    + ", format_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + SqliteDatabase.FORMAT_VERSION
                    + ")")) {
                bind(insert, machine);
                return insert.executeUpdate() == 1;
            }
        }, this::written);
    }

    @Override
    public Optional<StateMachineRecord> find(String arn) {
        StateMachineRecord cached = cache.get(arn);
        if (cached != null) {
            return Optional.of(cached);
        }
        long before = writes.get();
        Optional<StateMachineRecord> found = db.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM state_machines WHERE arn = ?")) {
                select.setString(1, arn);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.empty();
                }
            }
        });
        found.ifPresent(machine -> {
            synchronized (cache) {
                if (writes.get() == before && cache.size() < MAX_CACHED) {
                    cache.put(arn, machine);
                }
            }
        });
        return found;
    }

    /** After a committed write: nothing read before it may be cached any more. */
    private void written(Object ignored) {
        synchronized (cache) {
            writes.incrementAndGet();
            cache.clear();
        }
    }

    @Override
    public boolean update(StateMachineRecord expected, StateMachineRecord updated) {
        return db.transaction(c -> {
            // Compared as records inside the write transaction: tags are a map whose stored text has no fixed order.
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM state_machines WHERE arn = ?")) {
                select.setString(1, expected.arn());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next() || !read(rows).equals(expected)) {
                        return false;
                    }
                }
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE state_machines SET arn = ?, name = ?, type = ?,"
                    + " definition = ?, role_arn = ?, creation_date = ?, update_date = ?, revision = ?, tags = ?,"
                    + " encryption = ?, logging = ?, tracing = ? WHERE arn = ?")) {
                bind(update, updated);
                update.setString(13, expected.arn());
                return update.executeUpdate() == 1;
            }
        }, this::written);
    }

    @Override
    public boolean delete(String arn) {
        return db.transaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM state_machines WHERE arn = ?")) {
                delete.setString(1, arn);
                return delete.executeUpdate() == 1;
            }
        }, this::written);
    }

    @Override
    public Page<StateMachineRecord> list(int maxResults, String nextToken) {
        String after = PageTokens.decode(PAGE_SCOPE, nextToken);
        return db.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM state_machines WHERE name > ? ORDER BY name LIMIT ?")) {
                select.setString(1, after == null ? "" : after);
                select.setInt(2, maxResults + 1);
                List<StateMachineRecord> items = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(read(rows));
                    }
                }
                if (items.size() <= maxResults) {
                    return new Page<>(items, null);
                }
                List<StateMachineRecord> page = items.subList(0, maxResults);
                return new Page<>(page, PageTokens.encode(PAGE_SCOPE, page.get(maxResults - 1).name()));
            }
        });
    }

    private static void bind(PreparedStatement statement, StateMachineRecord m) throws SQLException {
        statement.setString(1, m.arn());
        statement.setString(2, m.name());
        statement.setString(3, m.type().name());
        statement.setString(4, m.definition());
        statement.setString(5, m.roleArn());
        statement.setLong(6, m.creationDate().toEpochMilli());
        statement.setLong(7, m.updateDate().toEpochMilli());
        statement.setLong(8, m.revision());
        statement.setString(9, SqliteJson.JSON.write(m.tags()));
        statement.setString(10, SqliteJson.JSON.writeWithoutNulls(m.encryption()));
        statement.setString(11, SqliteJson.JSON.write(m.logging()));
        statement.setInt(12, m.tracingEnabled() ? 1 : 0);
    }

    private static StateMachineRecord read(ResultSet rows) throws SQLException {
        Map<String, String> tags;
        try {
            tags = SqliteJson.JSON.mapper().readValue(rows.getString("tags"), new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot read the tags of " + rows.getString("arn"), e);
        }
        return new StateMachineRecord(rows.getString("arn"), rows.getString("name"),
                StateMachineType.valueOf(rows.getString("type")),
                rows.getString("definition"), rows.getString("role_arn"),
                Instant.ofEpochMilli(rows.getLong("creation_date")), Instant.ofEpochMilli(rows.getLong("update_date")),
                rows.getLong("revision"), tags, SqliteJson.JSON.readOrNull(rows.getString("encryption"), EncryptionConfiguration.class),
                SqliteJson.JSON.readOrNull(rows.getString("logging"), LoggingConfiguration.class), rows.getInt("tracing") == 1);
    }
}
