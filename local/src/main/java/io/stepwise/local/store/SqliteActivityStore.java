package io.stepwise.local.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.stepwise.engine.port.ActivityRecord;
import io.stepwise.engine.port.ActivityStore;
import io.stepwise.engine.port.EncryptionConfiguration;
import io.stepwise.engine.port.Page;
import io.stepwise.engine.port.PageTokens;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Activities in SQLite. */
public final class SqliteActivityStore implements ActivityStore {
    private static final String PAGE_SCOPE = "activities";

    private final SqliteDatabase db;

    public SqliteActivityStore(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public boolean create(ActivityRecord activity) {
        return db.transaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT OR IGNORE INTO activities (arn, name,"
                    + " creation_date, tags, encryption, format_version) VALUES (?, ?, ?, ?, ?, " + SqliteDatabase.FORMAT_VERSION
                    + ")")) {
                insert.setString(1, activity.arn());
                insert.setString(2, activity.name());
                insert.setLong(3, activity.creationDate().toEpochMilli());
                insert.setString(4, SqliteJson.JSON.write(activity.tags()));
                insert.setString(5, SqliteJson.JSON.writeWithoutNulls(activity.encryption()));
                return insert.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<ActivityRecord> find(String arn) {
        return db.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT arn, name, creation_date, tags, encryption FROM activities WHERE arn = ?")) {
                select.setString(1, arn);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean update(ActivityRecord expected, ActivityRecord updated) {
        return db.transaction(c -> {
            // Compared as records inside the write transaction: tags are a map whose stored text has no fixed order.
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT arn, name, creation_date, tags, encryption FROM activities WHERE arn = ?")) {
                select.setString(1, expected.arn());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next() || !read(rows).equals(expected)) {
                        return false;
                    }
                }
            }
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE activities SET tags = ?, encryption = ? WHERE arn = ?")) {
                update.setString(1, SqliteJson.JSON.write(updated.tags()));
                update.setString(2, SqliteJson.JSON.writeWithoutNulls(updated.encryption()));
                update.setString(3, expected.arn());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean delete(String arn) {
        return db.transaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM activities WHERE arn = ?")) {
                delete.setString(1, arn);
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Page<ActivityRecord> list(int maxResults, String nextToken) {
        String after = PageTokens.decode(PAGE_SCOPE, nextToken);
        return db.transaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT arn, name, creation_date, tags, encryption"
                    + " FROM activities WHERE name > ? ORDER BY name LIMIT ?")) {
                select.setString(1, after == null ? "" : after);
                select.setInt(2, maxResults + 1);
                List<ActivityRecord> items = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(read(rows));
                    }
                }
                if (items.size() <= maxResults) {
                    return new Page<>(items, null);
                }
                List<ActivityRecord> page = items.subList(0, maxResults);
                return new Page<>(page, PageTokens.encode(PAGE_SCOPE, page.get(maxResults - 1).name()));
            }
        });
    }

    private static ActivityRecord read(ResultSet rows) throws SQLException {
        try {
            return new ActivityRecord(rows.getString(1), rows.getString(2), Instant.ofEpochMilli(rows.getLong(3)),
                    SqliteJson.JSON.mapper().readValue(rows.getString(4), new TypeReference<Map<String, String>>() { }),
                    SqliteJson.JSON.readOrNull(rows.getString(5), EncryptionConfiguration.class));
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot read the tags of " + rows.getString(1), e);
        }
    }
}
