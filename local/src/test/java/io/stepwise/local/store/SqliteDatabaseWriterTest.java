package io.stepwise.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer thread that owns the connection: concurrent callers each hear how their own work ended, an interrupt
 * does not abandon a work, and closing answers what was queued before it and refuses what comes after.
 */
class SqliteDatabaseWriterTest {
    @TempDir
    Path dataDir;

    @Test
    void concurrentCallersEachGetTheirOwnAnswerAndEveryAcknowledgedWriteIsThere() throws Exception {
        Set<Integer> acknowledged = new ConcurrentSkipListSet<>();
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            createNotes(db);
            ExecutorService threads = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    int writer = t;
                    running.add(threads.submit(() -> {
                        for (int i = 0; i < 50; i++) {
                            int id = writer * 50 + i;
                            if (id % 7 == 0) {
                                assertThatThrownBy(() -> db.transaction(c -> {
                                    insert(c, id);
                                    throw new IllegalStateException("work " + id + " gives up");
                                })).hasMessage("work " + id + " gives up");
                            } else {
                                int answered = db.transaction(c -> {
                                    insert(c, id);
                                    return id;
                                });
                                assertThat(answered).isEqualTo(id);
                                acknowledged.add(id);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : running) {
                    future.get();
                }
            } finally {
                threads.shutdownNow();
            }
        }
        try (SqliteDatabase reopened = SqliteDatabase.open(dataDir)) {
            assertThat(ids(reopened)).as("exactly the acknowledged writes, after a reopen")
                    .isEqualTo(new TreeSet<>(acknowledged));
        }
    }

    @Test
    void anInterruptedCallerStillLearnsHowItsWorkEndedAndKeepsItsInterrupt() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            createNotes(db);
            Thread.currentThread().interrupt();
            try {
                String answer = db.transaction(c -> {
                    insert(c, 1);
                    return "committed";
                });
                assertThat(answer).isEqualTo("committed");
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(ids(db)).containsExactly(1);
        }
    }

    @Test
    void closeAnswersWhatWasQueuedBeforeItAndRefusesWhatComesAfter() throws Exception {
        SqliteDatabase db = SqliteDatabase.open(dataDir);
        createNotes(db);
        Set<Integer> acknowledged = new ConcurrentSkipListSet<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger nextId = new AtomicInteger();
        CountDownLatch writing = new CountDownLatch(8);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            running.add(threads.submit(() -> {
                writing.countDown();
                while (true) {
                    int id = nextId.incrementAndGet();
                    try {
                        db.transaction(c -> insert(c, id));
                        acknowledged.add(id);
                    } catch (StoreException e) {
                        assertThat(e).hasMessageContaining("closed");
                        refused.incrementAndGet();
                        return null;
                    }
                }
            }));
        }
        writing.await();
        Thread.sleep(50);
        db.close();
        for (Future<?> future : running) {
            future.get();
        }
        threads.shutdown();
        assertThat(refused).as("every writer was refused once the database closed").hasValue(8);
        assertThatThrownBy(() -> db.transaction(c -> null)).isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
        try (SqliteDatabase reopened = SqliteDatabase.open(dataDir)) {
            assertThat(ids(reopened)).isEqualTo(new TreeSet<>(acknowledged));
        }
    }

    @Test
    void aWorkCannotCloseTheDatabaseItRunsIn() {
        try (SqliteDatabase db = SqliteDatabase.open(dataDir)) {
            assertThatThrownBy(() -> db.transaction(c -> {
                db.close();
                return null;
            })).isInstanceOf(IllegalStateException.class);
            createNotes(db);
            assertThat(ids(db)).isEmpty();
        }
    }

    private static void createNotes(SqliteDatabase db) {
        db.transaction(c -> {
            try (Statement statement = c.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY)");
            }
            return null;
        });
    }

    private static Void insert(Connection c, int id) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO notes (id) VALUES (?)")) {
            insert.setInt(1, id);
            insert.executeUpdate();
        }
        return null;
    }

    private static Set<Integer> ids(SqliteDatabase db) {
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
}
