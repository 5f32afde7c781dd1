package io.stepwise.it.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * {@code stepwise serve} runs out of disk space and gets it back. The shortage is real: the server process's file
 * size limit ({@code RLIMIT_FSIZE}, set from outside with {@code prlimit}) makes SQLite's next write that grows a
 * file fail, as a full file system does; the JVM ignores the SIGXFSZ that comes with it. Every StartExecution
 * answered with an error must not exist, every one answered 200 must, reads must keep working, and writes must
 * work again once the limit is lifted, without a restart.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DiskFullServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ROLE = "arn:aws:iam::123456789012:role/stepwise";
    /** Parks each execution after its start commit, so every write in the test is a StartExecution's. */
    private static final String PARKED = """
            {"StartAt":"Park","States":{"Park":{"Type":"Wait","Seconds":86400,"End":true}}}""";
    private static final String INPUT = "{\"filler\":\"" + "f".repeat(4_000) + "\"}";
    private static final long ROOM_BYTES = 64 * 1024;
    private static final int CLIENTS = 8;
    private static final int REFUSALS_WANTED = 40;

    @TempDir
    Path tempDir;

    @Test
    void startsAnsweredWithAnErrorDidNotHappenReadsWorkAndWritesResumeWhenSpaceReturns() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "needs prlimit (util-linux)");
        Path dataDir = tempDir.resolve("data");
        ServerProcess server = ServerProcess.start(dataDir, TIMEOUT);
        try {
            SfnClient sfn = server.clientWithoutRetries();
            String machine = sfn.createStateMachine(b -> b.name("parked").definition(PARKED).roleArn(ROLE))
                    .stateMachineArn();
            List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
            List<String> refused = Collections.synchronizedList(new ArrayList<>());
            List<String> failedReads = Collections.synchronizedList(new ArrayList<>());
            AtomicReference<String> firstError = new AtomicReference<>();
            for (int i = 0; i < 20; i++) {
                acknowledged.add(start(sfn, machine, "before-" + i));
            }

            limitFileSize(server, largestFile(dataDir) + ROOM_BYTES);
            // Concurrent clients, so that failing commits hold several callers' work at once.
            AtomicInteger next = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < CLIENTS; t++) {
                    running.add(clients.submit(() -> {
                        while (refused.size() < REFUSALS_WANTED && next.get() < 2_000) {
                            String name = "full-" + next.getAndIncrement();
                            try {
                                acknowledged.add(start(sfn, machine, name));
                            } catch (AwsServiceException e) {
                                assertThat(e.statusCode()).as(e.getMessage()).isEqualTo(500);
                                refused.add(name);
                                firstError.compareAndSet(null, e.awsErrorDetails().errorMessage());
                                try {
                                    sfn.listExecutions(b -> b.stateMachineArn(machine).maxResults(1));
                                } catch (AwsServiceException readFailure) {
                                    failedReads.add(readFailure.getMessage());
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : running) {
                    future.get();
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(failedReads).as("reads work while writes fail").isEmpty();
            assertThat(refused).as("the disk filled up").isNotEmpty();
            assertThat(executionNames(sfn, machine)).as("exactly the acknowledged starts exist, while full")
                    .containsExactlyInAnyOrderElementsOf(names(acknowledged));
            for (String name : refused) {
                String arn = machine.replace(":stateMachine:", ":execution:") + ":" + name;
                assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(arn)))
                        .isInstanceOf(ExecutionDoesNotExistException.class);
            }

            limitFileSize(server, -1);
            String after = start(sfn, machine, "after");
            acknowledged.add(after);
            assertThat(sfn.describeExecution(b -> b.executionArn(after)).status()).isEqualTo(ExecutionStatus.RUNNING);
            assertThat(executionNames(sfn, machine)).containsExactlyInAnyOrderElementsOf(names(acknowledged));
            System.out.printf("disk full: %d starts acknowledged, %d answered 500 and absent (first: %s); writes"
                    + " resumed after the limit was lifted%n", acknowledged.size(), refused.size(), firstError.get());
        } finally {
            server.close();
        }
    }

    private static String start(SfnClient sfn, String machine, String name) {
        return sfn.startExecution(b -> b.stateMachineArn(machine).name(name).input(INPUT)).executionArn();
    }

    private static List<String> executionNames(SfnClient sfn, String machine) {
        return sfn.listExecutionsPaginator(b -> b.stateMachineArn(machine)).executions().stream()
                .map(e -> e.name()).toList();
    }

    private static List<String> names(List<String> arns) {
        return arns.stream().map(arn -> arn.substring(arn.lastIndexOf(':') + 1)).toList();
    }

    private static long largestFile(Path dataDir) throws IOException {
        try (var files = Files.list(dataDir)) {
            return files.mapToLong(f -> f.toFile().length()).max().orElse(0);
        }
    }

    /** Sets the running server's soft file size limit; {@code -1} lifts it. */
    private static void limitFileSize(ServerProcess server, long bytes) throws IOException, InterruptedException {
        String limit = bytes < 0 ? "unlimited" : Long.toString(bytes);
        Process prlimit = new ProcessBuilder("/usr/bin/prlimit", "--pid", Long.toString(server.pid()),
                "--fsize=" + limit + ":").redirectErrorStream(true).start();
        String output = new String(prlimit.getInputStream().readAllBytes());
        assertThat(prlimit.waitFor()).as("prlimit: " + output).isZero();
    }
}
