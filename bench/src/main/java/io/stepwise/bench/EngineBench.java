package io.stepwise.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.DefinitionParser;
import io.stepwise.asl.StateMachineDefinition;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.runtime.ExecutionResult;
import io.stepwise.runtime.InMemoryRunner;
import io.stepwise.runtime.VirtualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Warm in-process throughput harness for the Stepwise engine (Express semantics, in-memory, VirtualClock).
 * For each workflow: one checked run (must SUCCEED), a timed warm-up, then a timed measurement loop.
 * Two modes: "history" = the engine's InMemoryRunner, which keeps the full history in a list;
 * "no-history" = the same interpreter loop with the events counted and dropped (not retained).
 *
 * Usage: EngineBench WORKFLOW_DIR WARMUP_MS MEASURE_MS OUT_JSON
 */
public final class EngineBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INPUT = "{\"name\":\"bench\"}";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long warmupMs = Long.parseLong(args[1]);
        long measureMs = Long.parseLong(args[2]);
        Path out = Path.of(args[3]);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".asl.json")).sorted().toList();
        }
        ArrayNode results = JSON.createArrayNode();
        for (Path file : files) {
            String name = file.getFileName().toString().replace(".asl.json", "");
            String text = Files.readString(file);
            Path expectedFile = dir.resolve(name + ".expected.json");
            JsonNode expected = Files.exists(expectedFile) ? JSON.readTree(Files.readString(expectedFile)) : null;
            for (String mode : List.of("history", "no-history")) {
                ObjectNode r = results.addObject();
                r.put("workflow", name);
                r.put("engine", "stepwise");
                r.put("mode", mode);
                try {
                    measure(name, text, expected, mode.equals("history"), warmupMs, measureMs, r);
                } catch (WrongResult e) {
                    r.put("status", "wrong-result");
                    r.put("error", e.getMessage());
                } catch (RuntimeException | StackOverflowError e) {
                    r.put("status", "unsupported");
                    r.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                System.err.println("stepwise " + name + " [" + mode + "]: " + r);
            }
        }
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
    }

    private static void measure(String name, String text, JsonNode expected, boolean keepHistory, long warmupMs, long measureMs,
            ObjectNode r) {
        StateMachineDefinition definition = DefinitionParser.parse(text);
        VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
        Attempts attempts = new Attempts();
        Executor executor = keepHistory ? new HistoryExecutor(attempts, clock) : new CountingExecutor(attempts, clock);
        long[] seq = {0};

        // Checked run: the workflow must succeed (and for retry-catch, Flaky must have taken 3 attempts).
        Outcome first = executor.run(definition, start(name, seq[0]++, clock));
        if (first.status != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("execution ended " + first.status + ": " + first.error + " / "
                    + first.cause);
        }
        if (name.equals("retry-catch")) {
            if (attempts.lastFlakyAttempts != 3 || first.output == null
                    || !"recovered".equals(first.output.path("status").asText())) {
                throw new IllegalStateException("retry-catch did not retry 3 times and recover: attempts="
                        + attempts.lastFlakyAttempts + " output=" + first.output);
            }
        }
        if (expected != null && !subset(expected, first.output)) {
            String got = String.valueOf(first.output);
            throw new WrongResult("expected output " + expected + " but got "
                    + (got.length() > 300 ? got.substring(0, 300) + "..." : got));
        }
        r.put("transitionsPerExecution", first.transitions);

        loop(definition, executor, name, seq, clock, warmupMs);
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        long[] counts = loop(definition, executor, name, seq, clock, measureMs);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
        r.put("status", "ok");
        r.put("executions", counts[0]);
        r.put("transitions", counts[1]);
        r.put("seconds", seconds);
        r.put("executionsPerSecond", counts[0] / seconds);
        r.put("transitionsPerSecond", counts[1] / seconds);
        // CPU of the whole process, JIT and GC threads included (which a busy machine starves, so the figure also
        // shows whether the warm-up let the JIT finish): recorded for reading, not used in the ratios.
        r.put("cpuSeconds", cpuSeconds);
        r.put("executionsPerCpuSecond", counts[0] / cpuSeconds);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long[] loop(StateMachineDefinition definition, Executor executor, String name, long[] seq,
            VirtualClock clock, long durationMs) {
        long deadline = System.nanoTime() + durationMs * 1_000_000L;
        long executions = 0;
        long transitions = 0;
        do {
            Outcome o = executor.run(definition, start(name, seq[0]++, clock));
            if (o.status != ExecutionStatus.SUCCEEDED) {
                throw new IllegalStateException("execution ended " + o.status + ": " + o.error);
            }
            executions++;
            transitions += o.transitions;
        } while (System.nanoTime() < deadline);
        return new long[] {executions, transitions};
    }

    private static ExecutionStart start(String name, long n, VirtualClock clock) {
        String machine = "arn:aws:states:us-east-1:123456789012:stateMachine:bench-" + name;
        return new ExecutionStart("arn:aws:states:us-east-1:123456789012:execution:bench-" + name + ":e" + n,
                "e" + n, machine, "bench-" + name, "arn:aws:iam::123456789012:role/bench", "us-east-1", INPUT,
                clock.instant(), n);
    }

    /** Every member of {@code expected} is in {@code actual} with an equal value; numbers compare by value. */
    static boolean subset(JsonNode expected, JsonNode actual) {
        if (actual == null) {
            return false;
        }
        if (expected.isNumber()) {
            return actual.isNumber() && expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            var it = expected.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (!subset(e.getValue(), actual.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!subset(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }

    private static final class WrongResult extends RuntimeException {
        WrongResult(String message) {
            super(message);
        }
    }

    private record Outcome(ExecutionStatus status, long transitions, JsonNode output, String error, String cause) {
    }

    private interface Executor {
        Outcome run(StateMachineDefinition definition, ExecutionStart start);
    }

    /** The engine's own in-memory runner: full history list kept per execution. */
    private static final class HistoryExecutor implements Executor {
        private final InMemoryRunner runner;

        HistoryExecutor(IntegrationRegistry registry, VirtualClock clock) {
            this.runner = new InMemoryRunner(registry, clock);
        }

        @Override
        public Outcome run(StateMachineDefinition definition, ExecutionStart start) {
            ExecutionResult result = runner.run(definition, start);
            long entered = 0;
            for (HistoryEvent e : result.history()) {
                if (e.type().isStateEntered()) {
                    entered++;
                }
            }
            ExecutionState s = result.state();
            return new Outcome(s.status, entered, s.output, s.error, s.cause);
        }
    }

    /** The engine's in-memory runner with history events only counted, never retained. */
    private static final class CountingExecutor implements Executor {
        private final InMemoryRunner runner;

        CountingExecutor(IntegrationRegistry registry, VirtualClock clock) {
            this.runner = new InMemoryRunner(registry, clock);
        }

        @Override
        public Outcome run(StateMachineDefinition definition, ExecutionStart start) {
            long[] entered = {0};
            ExecutionState s = runner.run(definition, start, e -> {
                if (e.type().isStateEntered()) {
                    entered[0]++;
                }
            });
            return new Outcome(s.status, entered[0], s.output, s.error, s.cause);
        }
    }

    /**
     * Integrations for retry-catch: "flaky" fails with FlakyError on attempts 1 and 2 of each execution and
     * succeeds on the 3rd; "always-fails" always fails with BoomError (caught by the Catch).
     */
    private static final class Attempts implements IntegrationRegistry {
        private final Map<String, Integer> byExecution = new HashMap<>();
        int lastFlakyAttempts;
        private final Integration flaky = this::flaky;
        private final Integration alwaysFails = request -> new TaskOutcome.Failed("BoomError", "boom");

        @Override
        public Optional<Integration> find(String resource) {
            if (resource.endsWith(":function:flaky")) {
                return Optional.of(flaky);
            }
            if (resource.endsWith(":function:always-fails")) {
                return Optional.of(alwaysFails);
            }
            return Optional.empty();
        }

        private TaskOutcome flaky(TaskRequest request) {
            int attempt = byExecution.merge(request.executionArn(), 1, Integer::sum);
            if (attempt < 3) {
                return new TaskOutcome.Failed("FlakyError", "attempt " + attempt);
            }
            byExecution.remove(request.executionArn());
            lastFlakyAttempts = attempt;
            ObjectNode out = JSON.createObjectNode();
            out.put("attempt", attempt);
            return new TaskOutcome.Succeeded(out);
        }
    }
}
