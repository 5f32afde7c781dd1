package io.stepwise.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, made real by SQLite's own page limit ({@code PRAGMA max_page_count}): the database answers
 * SQLITE_FULL exactly as it does when the file system is out of space. A write reported as failed must not have
 * happened, reads must keep working, and writes must work again once there is room.
 */
class SqliteDatabaseDiskFullTest {
    /** Large enough that a few rows need a new page each. */
    private static final String BODY = "x".repeat(3_000);

    @TempDir
    Path dataDir;

    private SqliteDatabase db;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dataDir);
        db.transaction(c -> {
            try (Statement statement = c.createStatement()) {
                statement.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aWriteThatFindsTheDiskFullLeavesNoTraceAndTheStoreRecoversWhenSpaceReturns() {
        long pages = pragma("page_count");
        limitPages(pages + 4);
        Set<Integer> acknowledged = new TreeSet<>();
        int id = 0;
        StoreException full = null;
        while (full == null) {
            try {
                insert(++id);
                acknowledged.add(id);
            } catch (StoreException e) {
                full = e;
            }
        }
        assertThat(full).hasMessageContaining("full");
        assertThat(ids()).as("reads still work and the failed insert is not there").isEqualTo(acknowledged);

        int failedAgain = ++id;
        assertThatThrownBy(() -> insert(failedAgain)).isInstanceOf(StoreException.class).hasMessageContaining("full");
        assertThatThrownBy(() -> db.transaction(c -> {
            insertRow(c, 1_000_000, "small");
            throw new IllegalStateException("the work itself gives up");
        })).hasMessage("the work itself gives up");
        assertThat(ids()).as("neither the failed insert nor the abandoned work was committed")
                .isEqualTo(acknowledged);

        limitPages(1_000_000_000L);
        int afterRecovery = ++id;
        insert(afterRecovery);
        acknowledged.add(afterRecovery);
        assertThat(ids()).isEqualTo(acknowledged);
    }

    @Test
    void concurrentWritersWhileFullGetAnAnswerThatMatchesWhatWasStored() throws Exception {
        limitPages(pragma("page_count") + 8);
        Set<Integer> acknowledged = new ConcurrentSkipListSet<>();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger failedReads = new AtomicInteger();
        AtomicInteger nextId = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                running.add(threads.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        int id = nextId.incrementAndGet();
                        try {
                            insert(id);
                            acknowledged.add(id);
                        } catch (StoreException e) {
                            failures.incrementAndGet();
                        }
                        try {
                            ids();
                        } catch (StoreException e) {
                            failedReads.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(failures).as("the disk did fill up").hasPositiveValue();
        assertThat(failedReads).as("no read failed while writes did").hasValue(0);
        assertThat(ids()).isEqualTo(new TreeSet<>(acknowledged));

        limitPages(1_000_000_000L);
        insert(nextId.incrementAndGet());
        assertThat(ids()).hasSize(acknowledged.size() + 1);
    }

    private void insert(int id) {
        db.transaction(c -> {
            insertRow(c, id, BODY);
            return null;
        });
    }

    private static void insertRow(java.sql.Connection c, int id, String body) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO notes (id, body) VALUES (?, ?)")) {
            insert.setInt(1, id);
            insert.setString(2, body);
            insert.executeUpdate();
        }
    }

    private Set<Integer> ids() {
        return db.transaction(c -> {
            Set<Integer> ids = new TreeSet<>();
            try (Statement statement = c.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT id FROM notes")) {
                while (rows.next()) {
                    ids.add(rows.getInt(1));
                }
            }
            return ids;
        });
    }

    private long pragma(String name) {
        return db.transaction(c -> {
            try (Statement statement = c.createStatement(); ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private void limitPages(long pages) {
        db.transaction(c -> {
            try (Statement statement = c.createStatement()) {
                statement.execute("PRAGMA max_page_count = " + pages);
            }
            return null;
        });
    }
}
