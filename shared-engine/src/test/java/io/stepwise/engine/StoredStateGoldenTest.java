package io.stepwise.engine;

import static io.stepwise.engine.Execution.T0;
import static io.stepwise.engine.Execution.failed;
import static io.stepwise.engine.Execution.fired;
import static io.stepwise.engine.Execution.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.history.HistoryEventType;
import io.stepwise.engine.history.HistoryJson;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.engine.state.StateFormat;
import io.stepwise.query.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The stored format of {@link ExecutionState}, held to committed files under {@code src/test/resources/stored-state}:
 * a change to what is stored fails here and must come with a new {@code formatVersion} and an upgrade. Each file is
 * also read back, as a new build would read an old database, and must continue to the history the execution
 * continues to in memory. {@code -Dgolden.update=true} rewrites the files (review the diff before committing it).
 */
class StoredStateGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/stored-state");
    private static final String LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:work";

    /** A trigger to apply {@code seconds} after T0, made from the execution as it stands then. */
    private record Next(long seconds, Function<Execution, Trigger> trigger) {
    }

    @Test
    void passChainWaitingMidway() throws IOException {
        Execution ex = Execution.of("""
                {"StartAt": "P1", "States": {
                  "P1": {"Type": "Pass", "Next": "W"},
                  "W": {"Type": "Wait", "Seconds": 10, "Next": "P2"},
                  "P2": {"Type": "Pass", "Result": {"done": true}, "ResultPath": "$.r", "End": true}}}""")
                .start("{\"a\": 1,  \"b\": [1, 2]}");

        check("pass-chain-waiting", ex, new Next(10, e -> fired(e.timer())));
    }

    @Test
    void parallelWithAPendingTask() throws IOException {
        Execution ex = Execution.of("""
                {"StartAt": "Par", "States": {"Par": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s",
                    "TimeoutSeconds": 60, "HeartbeatSeconds": 20, "End": true}}},
                  {"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": "b", "End": true}}}]}}}"""
                .formatted(LAMBDA))
                .start("{\"x\": 1}");

        check("parallel-pending-task", ex, new Next(3, e -> succeeded(e.invoke(), "{\"t\": 1}")));
    }

    @Test
    void mapWithWaitTimers() throws IOException {
        Execution ex = Execution.of("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
                  "End": true, "ItemProcessor": {"StartAt": "W", "States": {
                    "W": {"Type": "Wait", "SecondsPath": "$", "End": true}}}}}}""")
                .start("{\"items\": [5, 7, 9]}");
        List<Command.StartTimer> timers = new ArrayList<>(ex.timers());

        check("map-wait-timers", ex,
                new Next(5, e -> fired(timers.get(0))),
                new Next(7, e -> {
                    timers.add(e.timer());
                    return fired(timers.get(1));
                }),
                new Next(14, e -> fired(timers.get(2))));
    }

    @Test
    void retryCountersDuringBackoff() throws IOException {
        Execution ex = Execution.of("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true, "Retry": [
                  {"ErrorEquals": ["Custom.Error"], "MaxAttempts": 1},
                  {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2}]}}}"""
                .formatted(LAMBDA))
                .start("{}");
        ex.apply(failed(ex.invoke(), "Other.Error", "first"), 1);

        check("retry-backoff", ex,
                new Next(3, e -> fired(e.timer())),
                new Next(4, e -> failed(e.invoke(), "Other.Error", "second")),
                new Next(8, e -> fired(e.timer())),
                new Next(9, e -> succeeded(e.invoke(), "\"ok\"")));
    }

    @Test
    void variablesAcrossATask() throws IOException {
        Execution ex = Execution.of("""
                {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Assign": {"count": 2, "names": ["x", "y"], "nested": {"k": 1.50}},
                    "Next": "T"},
                  "T": {"Type": "Task", "Resource": "%s", "Arguments": {"n": "{% $count %}"},
                    "Assign": {"count": "{% $count + 1 %}"}, "Next": "Out"},
                  "Out": {"Type": "Pass", "Output": {"count": "{% $count %}", "names": "{% $names %}",
                    "k": "{% $nested.k %}"}, "End": true}}}""".replace("%s", LAMBDA))
                .start("{}");

        check("variables", ex, new Next(2, e -> succeeded(e.invoke(), "{}")));
    }

    /**
     * A state stored by version 1, which kept no given input text, is upgraded and continues as version 1 would
     * have: the Wait's output is written from the value, not echoed as given.
     */
    @Test
    void aVersionOneStateIsUpgradedAndContinues() throws IOException {
        Execution ex = Execution.of("""
                {"StartAt": "P1", "States": {
                  "P1": {"Type": "Pass", "Next": "W"},
                  "W": {"Type": "Wait", "Seconds": 10, "Next": "P2"},
                  "P2": {"Type": "Pass", "Result": {"done": true}, "ResultPath": "$.r", "End": true}}}""");
        String v1 = Files.readString(Path.of("src/test/resources/stored-state-v1/pass-chain-waiting.json"));

        ExecutionState state = StateFormat.CURRENT.read(Execution.EXECUTION_ARN, v1);
        Step step = ex.interpreter.applyInPlace(state, new Trigger.TimerFired(state.root.pendingRef),
                T0.plusSeconds(10));

        assertThat(state.formatVersion).isEqualTo(ExecutionState.FORMAT_VERSION);
        assertThat(state.status).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(step.events().get(0).type()).isEqualTo(HistoryEventType.WAIT_STATE_EXITED);
        assertThat(step.events().get(0).details().get("output").asText()).isEqualTo("{\"a\":1,\"b\":[1,2]}");
        assertThat(state.output).isEqualTo(Json.parse("{\"a\": 1, \"b\": [1, 2], \"r\": {\"done\": true}}"));
    }

    /** A state written before the input stopped being stored twice reads as version 3 and continues. */
    @Test
    void aVersionTwoStateIsUpgradedAndContinues() throws IOException {
        Execution ex = Execution.of("""
                {"StartAt": "P1", "States": {
                  "P1": {"Type": "Pass", "Next": "W"},
                  "W": {"Type": "Wait", "Seconds": 10, "Next": "P2"},
                  "P2": {"Type": "Pass", "Result": {"done": true}, "ResultPath": "$.r", "End": true}}}""");
        String v2 = Files.readString(Path.of("src/test/resources/stored-state-v2/pass-chain-waiting.json"));

        ExecutionState state = StateFormat.CURRENT.read(Execution.EXECUTION_ARN, v2);
        Step step = ex.interpreter.applyInPlace(state, new Trigger.TimerFired(state.root.pendingRef),
                T0.plusSeconds(10));

        assertThat(state.formatVersion).isEqualTo(ExecutionState.FORMAT_VERSION);
        assertThat(state.input).isEqualTo(Json.parse("{\"a\": 1, \"b\": [1, 2]}"));
        assertThat(state.status).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(step.events().get(0).type()).isEqualTo(HistoryEventType.WAIT_STATE_EXITED);
        assertThat(state.output).isEqualTo(Json.parse("{\"a\": 1, \"b\": [1, 2], \"r\": {\"done\": true}}"));
    }

    /** A state written before a given input was stored only as text reads as version 4 and continues. */
    @Test
    void aVersionThreeStateIsUpgradedAndContinues() throws IOException {
        Execution ex = Execution.of("""
                {"StartAt": "P1", "States": {
                  "P1": {"Type": "Pass", "Next": "W"},
                  "W": {"Type": "Wait", "Seconds": 10, "Next": "P2"},
                  "P2": {"Type": "Pass", "Result": {"done": true}, "ResultPath": "$.r", "End": true}}}""");
        String v3 = Files.readString(Path.of("src/test/resources/stored-state-v3/pass-chain-waiting.json"));

        ExecutionState state = StateFormat.CURRENT.read(Execution.EXECUTION_ARN, v3);
        Step step = ex.interpreter.applyInPlace(state, new Trigger.TimerFired(state.root.pendingRef),
                T0.plusSeconds(10));

        assertThat(state.formatVersion).isEqualTo(ExecutionState.FORMAT_VERSION);
        assertThat(state.status).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(step.events().get(0).details().get("output").asText()).isEqualTo("{\"a\": 1,  \"b\": [1, 2]}");
        assertThat(state.output).isEqualTo(Json.parse("{\"a\": 1, \"b\": [1, 2], \"r\": {\"done\": true}}"));
    }

    /** A state written before Map Runs were kept for a redrive reads as version 5 and continues. */
    @Test
    void aVersionFourStateIsUpgradedAndContinues() throws IOException {
        Execution ex = Execution.of("""
                {"StartAt": "P1", "States": {
                  "P1": {"Type": "Pass", "Next": "W"},
                  "W": {"Type": "Wait", "Seconds": 10, "Next": "P2"},
                  "P2": {"Type": "Pass", "Result": {"done": true}, "ResultPath": "$.r", "End": true}}}""");
        String v4 = Files.readString(Path.of("src/test/resources/stored-state-v4/pass-chain-waiting.json"));

        ExecutionState state = StateFormat.CURRENT.read(Execution.EXECUTION_ARN, v4);
        Step step = ex.interpreter.applyInPlace(state, new Trigger.TimerFired(state.root.pendingRef),
                T0.plusSeconds(10));

        assertThat(state.formatVersion).isEqualTo(ExecutionState.FORMAT_VERSION);
        assertThat(state.status).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(step.events().get(0).details().get("output").asText()).isEqualTo("{\"a\": 1,  \"b\": [1, 2]}");
        assertThat(state.output).isEqualTo(Json.parse("{\"a\": 1, \"b\": [1, 2], \"r\": {\"done\": true}}"));
    }

    /**
     * Holds the state of {@code live} to its golden file, then continues both the live execution and the state read
     * from the file with the same triggers and requires the same history and end.
     */
    private static void check(String name, Execution live, Next... continuation) throws IOException {
        Path file = GOLDEN.resolve(name + ".json");
        String stored = StateFormat.CURRENT.write(live.state);
        if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(Json.parse(stored)) + "\n");
        }
        String golden = Files.readString(file);
        assertThat(Json.parse(stored)).as("the stored form of %s (%s)", name, file).isEqualTo(Json.parse(golden));

        ExecutionState fromFile = StateFormat.CURRENT.read(Execution.EXECUTION_ARN, golden);
        assertThat(StateFormat.CURRENT.write(fromFile)).as("%s written again after reading", name).isEqualTo(stored);

        Interpreter interpreter = live.interpreter;
        List<String> liveHistory = new ArrayList<>();
        List<String> fileHistory = new ArrayList<>();
        ExecutionState state = fromFile;
        for (Next next : continuation) {
            Trigger trigger = next.trigger().apply(live);
            Instant now = T0.plusSeconds(next.seconds());
            live.apply(trigger, now);
            live.last.events().forEach(e -> liveHistory.add(HistoryJson.event(e).toString()));
            Step step = interpreter.applyInPlace(state, trigger, now);
            step.events().forEach(e -> fileHistory.add(HistoryJson.event(e).toString()));
            assertThat(step.commands()).as("%s: the commands of %s", name, trigger).isEqualTo(live.last.commands());
            state = step.state();
        }
        assertThat(live.status()).as("%s ends", name).isNotEqualTo(ExecutionStatus.RUNNING);
        assertThat(fileHistory).as("%s continued from its file", name).isEqualTo(liveHistory);
        assertThat(StateFormat.CURRENT.write(state)).isEqualTo(StateFormat.CURRENT.write(live.state));
    }

    @Test
    void goldenFilesAreAllChecked() throws IOException {
        try (var files = Files.list(GOLDEN)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "map-wait-timers.json", "parallel-pending-task.json", "pass-chain-waiting.json",
                    "retry-backoff.json", "variables.json");
        }
    }
}
