package io.stepwise.it.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Kills {@code stepwise serve} with SIGKILL while executions wait in timers, queue for activity workers and sit in
 * workers' hands, restarts it on the same data directory, and checks that every execution then succeeds exactly
 * once with a history that has no gap and no repeated transition.
 */
class CrashRecoveryTest {
    private static final int EXECUTIONS = 200;
    private static final int WORKERS = 8;
    /** Kill once this many activity answers were accepted: most executions are then mid-flight. */
    private static final int KILL_AFTER_ANSWERS = 80;
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    private static final String ROLE = "arn:aws:iam::123456789012:role/stepwise";

    @TempDir
    Path tempDir;

    private static String definition(String activityArn) {
        return """
                {"StartAt":"Prepare","States":{
                 "Prepare":{"Type":"Pass","Parameters":{"n.$":"$.n","kind.$":"$.kind"},"Next":"Nap"},
                 "Nap":{"Type":"Wait","Seconds":1,"Next":"Route"},
                 "Route":{"Type":"Choice","Choices":[{"Variable":"$.kind","StringEquals":"detour","Next":"Detour"}],
                          "Default":"Work"},
                 "Detour":{"Type":"Pass","Next":"Work"},
                 "Work":{"Type":"Task","Resource":"%s","ResultPath":"$.result","Next":"Rest"},
                 "Rest":{"Type":"Wait","Seconds":1,"Next":"Done"},
                 "Done":{"Type":"Succeed"}}}""".formatted(activityArn);
    }

    private static boolean detours(int n) {
        return n % 3 == 0;
    }

    /** Each state the execution of input {@code n} enters, and how often: once each, on its path. */
    private static Map<String, Integer> expectedStates(int n) {
        Map<String, Integer> states = new HashMap<>(Map.of("Prepare", 1, "Nap", 1, "Route", 1, "Work", 1, "Rest", 1,
                "Done", 1));
        if (detours(n)) {
            states.put("Detour", 1);
        }
        return states;
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void everyExecutionSucceedsExactlyOnceAcrossAHardKill() throws Exception {
        Path dataDir = tempDir.resolve("data");
        AtomicReference<SfnClient> endpoint = new AtomicReference<>();
        ServerProcess first = ServerProcess.start(dataDir, STEP_TIMEOUT);
        ServerProcess second = null;
        ActivityWorkers workers = null;
        try {
            endpoint.set(first.client());
            SfnClient sfn = endpoint.get();
            String activity = sfn.createActivity(b -> b.name("work")).activityArn();
            String machine = sfn.createStateMachine(b -> b.name("crash").definition(definition(activity))
                    .roleArn(ROLE)).stateMachineArn();

            long begin = System.nanoTime();
            List<String> executions = startAll(sfn, machine);
            workers = new ActivityWorkers(endpoint, activity, WORKERS);
            ActivityWorkers running = workers;
            awaitTrue("answers before the kill", () -> running.answered() >= KILL_AFTER_ANSWERS);
            int succeededBeforeKill = succeeded(sfn, machine);
            first.kill();
            long killedAt = System.nanoTime();
            int answersAtKill = workers.answered();

            second = ServerProcess.start(dataDir, STEP_TIMEOUT);
            long readyAt = System.nanoTime();
            endpoint.set(second.client());
            SfnClient restarted = endpoint.get();
            awaitTrue("every execution to succeed", () -> succeeded(restarted, machine) == EXECUTIONS);
            long doneAt = System.nanoTime();

            Histories histories = verifyHistories(restarted, executions);
            assertThat(restarted.listExecutionsPaginator(b -> b.stateMachineArn(machine)).executions())
                    .as("no execution lost, none added").hasSize(EXECUTIONS);

            System.out.printf("crash recovery: %d executions, %d history events; killed (SIGKILL) %d ms after the"
                    + " first start, after %d of %d activity answers, with %d executions succeeded%n",
                    EXECUTIONS, histories.events(), millis(begin, killedAt), answersAtKill, EXECUTIONS, succeededBeforeKill);
            System.out.printf("crash recovery: restarted server ready in %d ms, resumed %d tasks from its outbox,"
                    + " all executions succeeded %d ms after the kill; %d activity tasks handed out twice, %d answers"
                    + " refused as already answered%n", millis(killedAt, readyAt), second.resumedTasks(),
                    millis(killedAt, doneAt), histories.activityStarts() - EXECUTIONS, workers.alreadyAnswered());
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
            if (workers != null) {
                workers.close();
            }
        }
    }

    private static List<String> startAll(SfnClient sfn, String machine) throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> started = new ArrayList<>();
            for (int i = 0; i < EXECUTIONS; i++) {
                int n = i;
                String input = "{\"n\":%d,\"kind\":\"%s\"}".formatted(n, detours(n) ? "detour" : "direct");
                started.add(starters.submit(() -> sfn.startExecution(b -> b.stateMachineArn(machine)
                        .name("run-" + n).input(input)).executionArn()));
            }
            List<String> arns = new ArrayList<>();
            for (Future<String> arn : started) {
                arns.add(arn.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            }
            return arns;
        } finally {
            starters.shutdownNow();
        }
    }

    private static int succeeded(SfnClient sfn, String machine) {
        return sfn.listExecutionsPaginator(b -> b.stateMachineArn(machine).statusFilter(ExecutionStatus.SUCCEEDED))
                .executions().stream().mapToInt(e -> 1).sum();
    }

    /**
     * What the verified histories hold together. A task a worker had taken when the server died goes back to the
     * queue (activities are delivered at least once), so it may be started twice; it still succeeds once.
     */
    private record Histories(int events, int activityStarts) {
    }

    private static Histories verifyHistories(SfnClient sfn, List<String> executions) {
        int events = 0;
        int activityStarts = 0;
        for (int n = 0; n < executions.size(); n++) {
            String arn = executions.get(n);
            DescribeExecutionResponse execution = sfn.describeExecution(b -> b.executionArn(arn));
            assertThat(execution.status()).as(arn).isEqualTo(ExecutionStatus.SUCCEEDED);
            JsonNode output = Json.parse(execution.output());
            assertThat(output.path("result").path("doubled").asInt()).as(arn + " output").isEqualTo(2 * n);

            List<HistoryEvent> history = new ArrayList<>();
            sfn.getExecutionHistoryPaginator(b -> b.executionArn(arn)).events().forEach(history::add);
            for (int i = 0; i < history.size(); i++) {
                assertThat(history.get(i).id()).as(arn + " event ids are consecutive").isEqualTo(i + 1L);
            }
            assertThat(countOf(history, HistoryEventType.EXECUTION_SUCCEEDED)).as(arn).isEqualTo(1);
            assertThat(history.get(history.size() - 1).type()).as(arn).isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
            assertThat(countOf(history, HistoryEventType.ACTIVITY_SCHEDULED)).as(arn).isEqualTo(1);
            assertThat(countOf(history, HistoryEventType.ACTIVITY_SUCCEEDED)).as(arn).isEqualTo(1);
            assertThat(enteredStates(history)).as(arn + " states entered").isEqualTo(expectedStates(n));
            events += history.size();
            activityStarts += countOf(history, HistoryEventType.ACTIVITY_STARTED);
        }
        return new Histories(events, activityStarts);
    }

    private static int countOf(List<HistoryEvent> history, HistoryEventType type) {
        return (int) history.stream().filter(e -> e.type() == type).count();
    }

    private static Map<String, Integer> enteredStates(List<HistoryEvent> history) {
        Map<String, Integer> entered = new HashMap<>();
        for (HistoryEvent event : history) {
            if (event.stateEnteredEventDetails() != null) {
                entered.merge(event.stateEnteredEventDetails().name(), 1, Integer::sum);
            }
        }
        return entered;
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
    }
}
