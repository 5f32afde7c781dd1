package io.stepwise.it.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * {@code stepwise serve} as a process of its own on a data directory it must not use: one another server owns,
 * or whose {@code stepwise.db} is empty, not SQLite, not Stepwise's or damaged. It must refuse with one clear line
 * naming the path (no stack trace), exit non-zero, and leave the file as it was.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DataDirSafetyTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ROLE = "arn:aws:iam::123456789012:role/stepwise";
    private static final String PASS_CHAIN = """
            {"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"filler":"%s"},"Next":"B"},
             "B":{"Type":"Pass","End":true}}}""".formatted("f".repeat(2_000));

    @TempDir
    Path tempDir;

    @Test
    void aSecondServerOnTheSameDataDirIsRefusedAndNamesTheFirst() throws Exception {
        Path dataDir = tempDir.resolve("data");
        ServerProcess first = ServerProcess.start(dataDir, TIMEOUT);
        ServerProcess restarted = null;
        try {
            SfnClient sfn = first.client();
            String machine = sfn.createStateMachine(b -> b.name("owned").definition(PASS_CHAIN).roleArn(ROLE))
                    .stateMachineArn();

            ServerProcess.Exit second = ServerProcess.startExpectingRefusal(dataDir, TIMEOUT);

            assertRefusedInOneLine(second, dataDir.toRealPath().toString());
            assertThat(second.stderr()).contains("in use by another Stepwise process", "pid " + first.pid());
            String execution = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
            awaitSucceeded(sfn, execution);

            first.kill();
            restarted = ServerProcess.start(dataDir, TIMEOUT);
            assertThat(restarted.client().describeExecution(b -> b.executionArn(execution)).status())
                    .as("a restart after SIGKILL takes the directory over").isEqualTo(ExecutionStatus.SUCCEEDED);
        } finally {
            first.close();
            if (restarted != null) {
                restarted.close();
            }
        }
    }

    @Test
    void anEmptyDatabaseFileIsRefusedNotStartedOver() throws Exception {
        Path dataDir = Files.createDirectories(tempDir.resolve("data"));
        Path db = Files.createFile(dataDir.resolve("stepwise.db"));

        ServerProcess.Exit exit = ServerProcess.startExpectingRefusal(dataDir, TIMEOUT);

        assertRefusedInOneLine(exit, db.toAbsolutePath().toString());
        assertThat(exit.stderr()).contains("empty");
        assertThat(Files.size(db)).as("nothing written over it").isZero();
    }

    @Test
    void aFileThatIsNotSqliteIsRefused() throws Exception {
        Path dataDir = Files.createDirectories(tempDir.resolve("data"));
        Path db = Files.writeString(dataDir.resolve("stepwise.db"), "these are my notes\n");

        ServerProcess.Exit exit = ServerProcess.startExpectingRefusal(dataDir, TIMEOUT);

        assertRefusedInOneLine(exit, db.toAbsolutePath().toString());
        assertThat(exit.stderr()).contains("not an SQLite database");
        assertThat(Files.readString(db)).isEqualTo("these are my notes\n");
    }

    @Test
    void anotherApplicationsSqliteDatabaseIsRefusedAndLeftAlone() throws Exception {
        Path dataDir = Files.createDirectories(tempDir.resolve("data"));
        Path db = dataDir.resolve("stepwise.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
            s.execute("INSERT INTO customers (name) VALUES ('Ada')");
        }

        ServerProcess.Exit exit = ServerProcess.startExpectingRefusal(dataDir, TIMEOUT);

        assertRefusedInOneLine(exit, db.toAbsolutePath().toString());
        assertThat(exit.stderr()).contains("not Stepwise's", "customers");
        assertThat(tables(db)).containsExactly("customers");
        assertThat(journalMode(db)).as("not switched to WAL either").isEqualTo("delete");
    }

    @Test
    void aTruncatedDatabaseIsRefusedWithoutAStackTrace() throws Exception {
        Path dataDir = tempDir.resolve("data");
        ServerProcess server = ServerProcess.start(dataDir, TIMEOUT);
        try {
            SfnClient sfn = server.client();
            String machine = sfn.createStateMachine(b -> b.name("filled").definition(PASS_CHAIN).roleArn(ROLE))
                    .stateMachineArn();
            List<String> executions = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                executions.add(sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn());
            }
            for (String execution : executions) {
                awaitSucceeded(sfn, execution);
            }
        } finally {
            server.close();
        }
        Path db = dataDir.resolve("stepwise.db");
        checkpoint(db);
        long size = Files.size(db);
        assertThat(size).as("enough pages that half of them are missing").isGreaterThan(64 * 1024);
        try (FileChannel file = FileChannel.open(db, StandardOpenOption.WRITE)) {
            file.truncate(size / 2);
        }

        ServerProcess.Exit exit = ServerProcess.startExpectingRefusal(dataDir, TIMEOUT);

        assertRefusedInOneLine(exit, db.toAbsolutePath().toString());
        assertThat(exit.stderr()).contains("damaged");
        assertThat(Files.size(db)).isEqualTo(size / 2);
    }

    private static void assertRefusedInOneLine(ServerProcess.Exit exit, String path) {
        assertThat(exit.code()).as("exit code").isNotZero();
        assertThat(exit.stdout()).doesNotContain("Step Functions API on");
        List<String> lines = exit.stderr().lines().toList();
        assertThat(lines).as("stderr: " + exit.stderr()).hasSize(1);
        assertThat(lines.get(0)).startsWith("stepwise serve: ").contains(path).doesNotContain("Exception");
    }

    private static void awaitSucceeded(SfnClient sfn, String execution) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (sfn.describeExecution(b -> b.executionArn(execution)).status() != ExecutionStatus.SUCCEEDED) {
            assertThat(System.nanoTime()).as(execution + " succeeded in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Moves whatever the server left in the WAL into the database file, so truncating that file loses pages. */
    private static void checkpoint(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    private static String journalMode(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("PRAGMA journal_mode")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static List<String> tables(Path db) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }
}
