package io.stepwise.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.local.server.LocalStepwise;
import io.stepwise.local.server.ServeOptions;
import io.stepwise.local.store.Durability;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/**
 * The local server's part of the benchmark: {@code stepwise serve} in-process ({@link LocalStepwise}, SQLite in a
 * fresh data directory, real time), driven over HTTP on 127.0.0.1 by the AWS SDK's {@link SfnClient}.
 * Client and server share this JVM, so heap and RSS figures include the (small) client.
 *
 * <pre>
 * ServerBench durable WORKFLOWS EXECUTIONS OUT_JSON [full|relaxed]   1,000 concurrent Standard executions of a
 *                                                     10-state machine, at the given durability (default full)
 * ServerBench sync WORKFLOWS CONCURRENCY WARMUP_MS MEASURE_MS OUT_JSON   StartSyncExecution latency
 * ServerBench scale WORKFLOWS EXECUTIONS OUT_JSON     N executions parked in one Wait at once
 * </pre>
 * Every loop is bounded in count and time; only 127.0.0.1 is contacted.
 */
public final class ServerBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::123456789012:role/bench";
    private static final String ECHO = "arn:aws:lambda:us-east-1:123456789012:function:bench-echo";
    private static final int CLIENT_THREADS = 16;
    private static final AtomicLong BATCHES = new AtomicLong();

    private ServerBench() {
    }

    public static void main(String[] args) throws Exception {
        // The JDK's keep-alive cache holds 5 idle connections per host by default; the client pool is larger.
        System.setProperty("http.maxConnections", "64");
        Path workflows = Path.of(args[1]);
        ObjectNode row;
        Path out;
        switch (args[0]) {
            case "durable" -> {
                Durability durability = args.length > 4 && args[4].equals("relaxed") ? Durability.RELAXED
                        : Durability.FULL;
                row = durable(workflows, Integer.parseInt(args[2]), durability);
                out = Path.of(args[3]);
            }
            case "sync" -> {
                row = sync(workflows, Integer.parseInt(args[2]), Long.parseLong(args[3]), Long.parseLong(args[4]));
                out = Path.of(args[5]);
            }
            case "scale" -> {
                row = scale(workflows, Integer.parseInt(args[2]));
                out = Path.of(args[3]);
            }
            default -> throw new IllegalArgumentException("unknown part " + args[0]);
        }
        // The server runs on Jetty, whose connector accepts every connection with TCP_NODELAY unless told otherwise;
        // the JDK server's sun.net.httpserver.nodelay property no longer says anything about it.
        row.put("tcpNoDelay", true);
        row.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        ArrayNode rows = JSON.createArrayNode().add(row);
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
        System.err.println("[bench] " + row);
        System.exit(0);
    }

    /** The server with a fresh data directory and an in-process echo Lambda for the durable machine's Task. */
    private record Server(LocalStepwise stepwise, SfnClient sfn, Path dataDir) implements AutoCloseable {
        static Server start() throws IOException {
            return start(Durability.FULL);
        }

        static Server start(Durability durability) throws IOException {
            Path dataDir = Files.createTempDirectory("stepwise-bench");
            IntegrationRegistry integrations = resource -> ECHO.equals(resource)
                    ? Optional.of(request -> new TaskOutcome.Succeeded(request.input()))
                    : Optional.empty();
            LocalStepwise stepwise = LocalStepwise.start(
                    ServeOptions.defaults().withPort(0).withDataDir(dataDir).withDurability(durability),
                    integrations);
            SfnClient sfn = SfnClient.builder()
                    .endpointOverride(URI.create("http://127.0.0.1:" + stepwise.port()))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "x")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(60))
                            .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                    .build();
            return new Server(stepwise, sfn, dataDir);
        }

        String create(String name, Path definition, StateMachineType type) throws IOException {
            String asl = Files.readString(definition);
            return sfn.createStateMachine(b -> b.name(name).definition(asl).roleArn(ROLE).type(type))
                    .stateMachineArn();
        }

        long storeBytes() throws IOException {
            try (Stream<Path> files = Files.walk(dataDir)) {
                return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
        }

        /** Waits until no execution of {@code machineArn} is RUNNING; false if {@code limit} passed first. */
        boolean awaitNoneRunning(String machineArn, Duration limit, long pollMillis) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                if (sfn.listExecutions(b -> b.stateMachineArn(machineArn).statusFilter(ExecutionStatus.RUNNING)
                        .maxResults(1)).executions().isEmpty()) {
                    return true;
                }
                Thread.sleep(pollMillis);
            }
            return false;
        }

        List<ExecutionListItem> list(String machineArn, ExecutionStatus status) {
            List<ExecutionListItem> all = new ArrayList<>();
            sfn.listExecutionsPaginator(b -> b.stateMachineArn(machineArn).statusFilter(status).maxResults(1000))
                    .executions().forEach(all::add);
            return all;
        }

        /** State transitions of one execution: its *StateEntered events (as the engine benchmark counts them). */
        long transitions(String executionArn) {
            long entered = 0;
            for (HistoryEvent e : sfn.getExecutionHistoryPaginator(b -> b.executionArn(executionArn)).events()) {
                if (e.typeAsString().endsWith("StateEntered")) {
                    entered++;
                }
            }
            return entered;
        }

        @Override
        public void close() throws IOException {
            sfn.close();
            stepwise.close();
            try (Stream<Path> walk = Files.walk(dataDir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Samples heap used every 10 ms; the peak includes garbage not yet collected. */
    private static final class HeapSampler implements AutoCloseable {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        HeapSampler() {
            thread = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long peakMiB() {
            return peak.get() >> 20;
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }

    private static long liveHeapMiB() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    /** Peak resident set size of this JVM (VmHWM), in MiB; -1 where /proc is missing. */
    private static long peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Context switches (voluntary and not) of every live thread of this JVM so far; -1 where /proc is missing. */
    private static long contextSwitches() {
        long total = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.contains("ctxt_switches:")) {
                            total += Long.parseLong(line.replaceAll("\\D", ""));
                        }
                    }
                } catch (IOException threadEnded) {
                    // A thread that ended between the listing and the read has no more switches to count.
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    /** Collections so far and the milliseconds they took, over every collector of this JVM. */
    private static long[] gcCountAndMillis() {
        long count = 0;
        long millis = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p / 100.0 * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** Starts {@code count} executions from {@link #CLIENT_THREADS} threads; returns the client's send instants. */
    private static Instant[] startAll(Server server, String machineArn, int count, String input)
            throws InterruptedException {
        Instant[] sent = new Instant[count];
        String prefix = "e" + BATCHES.incrementAndGet() + "-";
        ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                sent[n] = Instant.now();
                server.sfn.startExecution(b -> b.stateMachineArn(machineArn).name(prefix + n).input(input));
            }));
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            throw new IllegalStateException("starting executions took over 30 minutes");
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("StartExecution failed", e.getCause());
            }
        }
        return sent;
    }

    static ObjectNode durable(Path workflows, int executions, Durability durability) throws Exception {
        ObjectNode row = JSON.createObjectNode().put("part", "durable").put("executions", executions)
                .put("durability", durability.name().toLowerCase(java.util.Locale.ROOT));
        try (Server server = Server.start(durability); HeapSampler heap = new HeapSampler()) {
            String input = "{\"name\":\"bench\"}";
            // Warm-up on its own machine: JIT, connections, SQLite pages. As many executions as are measured: the
            // measured burst lasts a few seconds, and a shorter warm-up left the JIT compiling through it.
            String warm = server.create("durable-warmup", workflows.resolve("server/durable-10.asl.json"),
                    StateMachineType.STANDARD);
            startAll(server, warm, executions, input);
            server.awaitNoneRunning(warm, Duration.ofSeconds(120), 20);

            String machine = server.create("durable-10", workflows.resolve("server/durable-10.asl.json"),
                    StateMachineType.STANDARD);
            long t0 = System.nanoTime();
            Instant first = Instant.now();
            Instant[] sent = startAll(server, machine, executions, input);
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            boolean done = server.awaitNoneRunning(machine, Duration.ofSeconds(300), 5);
            row.put("allCompleted", done);
            List<ExecutionListItem> succeeded = server.list(machine, ExecutionStatus.SUCCEEDED);
            row.put("succeeded", succeeded.size());
            // Latency per execution: the client's StartExecution send → the server's stopDate (same clock).
            long[] latencies = new long[succeeded.size()];
            Instant last = first;
            for (int i = 0; i < succeeded.size(); i++) {
                ExecutionListItem item = succeeded.get(i);
                int n = Integer.parseInt(item.name().substring(item.name().lastIndexOf('-') + 1));
                latencies[i] = Duration.between(sent[n], item.stopDate()).toNanos();
                if (item.stopDate().isAfter(last)) {
                    last = item.stopDate();
                }
            }
            Arrays.sort(latencies);
            long perExecution = server.transitions(succeeded.get(0).executionArn());
            double seconds = Duration.between(first, last).toNanos() / 1e9;
            row.put("transitionsPerExecution", perExecution);
            row.put("wallSeconds", round(seconds));
            row.put("startPhaseSeconds", round(startSeconds));
            row.put("executionsPerSecond", round(succeeded.size() / seconds));
            row.put("transitionsPerSecond", round(succeeded.size() * perExecution / seconds));
            row.put("p50StartToCompletionMs", round(percentile(latencies, 50)));
            row.put("p99StartToCompletionMs", round(percentile(latencies, 99)));
            row.put("peakHeapUsedMiB", heap.peakMiB());
            row.put("peakRssMiB", peakRssMiB());
            row.put("storeBytes", server.storeBytes());
            row.put("status", done && succeeded.size() == executions ? "ok" : "incomplete");
        }
        return row;
    }

    static ObjectNode sync(Path workflows, int concurrency, long warmupMs, long measureMs) throws Exception {
        ObjectNode row = JSON.createObjectNode().put("part", "sync").put("concurrency", concurrency);
        try (Server server = Server.start(); HeapSampler heap = new HeapSampler()) {
            String machine = server.create("express-5", workflows.resolve("server/express-5.asl.json"),
                    StateMachineType.EXPRESS);
            StartSyncExecutionResponse check = server.sfn.startSyncExecution(b -> b.stateMachineArn(machine)
                    .input("{\"name\":\"bench\"}"));
            if (check.status() != SyncExecutionStatus.SUCCEEDED) {
                return row.put("status", "wrong-result").put("error", check.toString());
            }
            AtomicLong clientIds = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(concurrency,
                    r -> new Thread(r, "sync-client-" + clientIds.incrementAndGet()));
            long warmEnd = System.nanoTime() + warmupMs * 1_000_000;
            long measureEnd = warmEnd + measureMs * 1_000_000;
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                futures.add(pool.submit(() -> {
                    long[] samples = new long[1 << 16];
                    int count = 0;
                    int requests = 0;
                    while (requests++ < 10_000_000) {
                        long begin = System.nanoTime();
                        if (begin >= measureEnd) {
                            break;
                        }
                        StartSyncExecutionResponse r = server.sfn.startSyncExecution(b -> b.stateMachineArn(machine)
                                .input("{\"name\":\"bench\"}"));
                        long end = System.nanoTime();
                        if (r.status() != SyncExecutionStatus.SUCCEEDED) {
                            throw new IllegalStateException("sync execution " + r.status());
                        }
                        if (begin >= warmEnd && end <= measureEnd) {
                            if (count == samples.length) {
                                samples = Arrays.copyOf(samples, count * 2);
                            }
                            samples[count++] = end - begin;
                        }
                    }
                    return Arrays.copyOf(samples, count);
                }));
            }
            Thread.sleep(Math.max(0, (warmEnd - System.nanoTime()) / 1_000_000));
            long switchesAtWarmEnd = contextSwitches();
            long cpuAtWarmEnd = processCpuNanos();
            long[] gcAtWarmEnd = gcCountAndMillis();
            ThreadGroupCpu threadsAtWarmEnd = ThreadGroupCpu.snapshot();
            Thread.sleep(Math.max(0, (measureEnd - System.nanoTime()) / 1_000_000));
            ThreadGroupCpu threads = ThreadGroupCpu.snapshot().since(threadsAtWarmEnd);
            long switches = contextSwitches() - switchesAtWarmEnd;
            long cpu = processCpuNanos() - cpuAtWarmEnd;
            long[] gc = gcCountAndMillis();
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> f : futures) {
                all.add(f.get());
            }
            pool.shutdown();
            long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            row.put("requests", latencies.length);
            row.put("requestsPerSecond", round(latencies.length / (measureMs / 1000.0)));
            row.put("p50Ms", round(percentile(latencies, 50)));
            row.put("p99Ms", round(percentile(latencies, 99)));
            // Load-independent figures for comparing builds on a shared machine: the wall-clock latency follows
            // how busy the cores are, these follow only what each request costs (client and server together).
            row.put("contextSwitchesPerRequest", round((double) switches / Math.max(1, latencies.length)));
            row.put("processCpuMicrosPerRequest", round(cpu / 1e3 / Math.max(1, latencies.length)));
            // The same split by what the threads do (server, client, GC and JIT), since both share this JVM.
            ObjectNode byThreads = row.putObject("perRequestByThreads");
            int n = Math.max(1, latencies.length);
            threads.byGroup().forEach((group, v) -> byThreads.putObject(group)
                    .put("cpuMicros", round(v[0] / 1e3 / n))
                    .put("kernelCpuMicros", round(v[3] / 1e3 / n))
                    .put("voluntarySwitches", round((double) v[1] / n))
                    .put("involuntarySwitches", round((double) v[2] / n)));
            row.put("gcPausesWhileMeasured", gc[0] - gcAtWarmEnd[0]);
            row.put("gcMillisWhileMeasured", gc[1] - gcAtWarmEnd[1]);
            row.put("peakHeapUsedMiB", heap.peakMiB());
            row.put("status", "ok");
        }
        return row;
    }

    static ObjectNode scale(Path workflows, int executions) throws Exception {
        ObjectNode row = JSON.createObjectNode().put("part", "scale").put("executions", executions);
        try (Server server = Server.start(); HeapSampler heap = new HeapSampler()) {
            String machine = server.create("wait-until", workflows.resolve("server/wait-until.asl.json"),
                    StateMachineType.STANDARD);
            // Probe the start rate on a small batch (their Wait is already over), then give every execution of
            // the main batch one wake-up instant that leaves room to start them all, with a 30% margin.
            String probe = server.create("wait-probe", workflows.resolve("server/wait-until.asl.json"),
                    StateMachineType.STANDARD);
            int probeCount = Math.max(500, executions / 100);
            startAll(server, probe, 1000, "{\"until\":\"2000-01-01T00:00:00Z\"}"); // warm-up: JIT, connections
            long p0 = System.nanoTime();
            startAll(server, probe, probeCount, "{\"until\":\"2000-01-01T00:00:00Z\"}");
            double rate = probeCount / ((System.nanoTime() - p0) / 1e9);
            server.awaitNoneRunning(probe, Duration.ofSeconds(60), 20);
            Instant wakeAt = Instant.now().plusMillis((long) (executions / rate * 1300) + 3000);
            row.put("probeStartsPerSecond", round(rate));

            long s0 = System.nanoTime();
            startAll(server, machine, executions, "{\"until\":\"" + wakeAt + "\"}");
            row.put("startSeconds", round((System.nanoTime() - s0) / 1e9));
            int parked = server.list(machine, ExecutionStatus.RUNNING).size();
            boolean beforeWake = Instant.now().isBefore(wakeAt);
            row.put("parkedAtOnce", parked);
            row.put("countedBeforeWakeInstant", beforeWake);
            row.put("liveHeapWhileParkedMiB", liveHeapMiB());
            row.put("storeBytesWhileParked", server.storeBytes());

            long waitMillis = Math.max(0, Duration.between(Instant.now(), wakeAt).toMillis());
            Thread.sleep(waitMillis);
            boolean done = server.awaitNoneRunning(machine, Duration.ofSeconds(600), 50);
            List<ExecutionListItem> succeeded = server.list(machine, ExecutionStatus.SUCCEEDED);
            Instant last = succeeded.stream().map(ExecutionListItem::stopDate).max(Comparator.naturalOrder())
                    .orElse(wakeAt);
            row.put("succeeded", succeeded.size());
            row.put("wakeAllSeconds", round(Duration.between(wakeAt, last).toNanos() / 1e9));
            row.put("wakesPerSecond", round(succeeded.size() / Math.max(0.001,
                    Duration.between(wakeAt, last).toNanos() / 1e9)));
            row.put("peakHeapUsedMiB", heap.peakMiB());
            row.put("peakRssMiB", peakRssMiB());
            row.put("storeBytesAfter", server.storeBytes());
            row.put("status", done && succeeded.size() == executions ? "ok" : "incomplete");
        } catch (OutOfMemoryError e) {
            row.put("status", "out-of-memory").put("error", e.toString());
        }
        return row;
    }
}
