package io.stepwise.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A Distributed Map over a JSONL object of N items in S3 (moto), {@code MaxConcurrency} 1,000, through
 * {@code stepwise serve} run as its own process ({@code java -Xmx… -jar stepwise-cli.jar serve}), driven by the AWS
 * SDK's {@link SfnClient}; in the same server, for comparison, an inline Map of 1,000 items.
 *
 * <p>The server's heap is read over JMX (bound to 127.0.0.1) every 200 ms: heap used (garbage included) and, from
 * the last collection's {@code memoryUsageAfterGc}, the heap left after a collection, which is what grows when
 * something holds on to per-item data. The JVM's own per-pool peak usage is read at the end. State sizes come from
 * the SQLite store: the parent's state and Map Run record sampled while the run goes, histories after it.
 *
 * <pre>
 * DistributedMapBench STEPWISE_CLI_JAR WORKFLOWS ITEMS XMX_MIB OUT_JSON
 * </pre>
 * S3 is the moto server at {@code STEPWISE_MOTO_ENDPOINT}; only 127.0.0.1 is contacted.
 */
public final class DistributedMapBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::123456789012:role/bench";
    private static final Duration LIMIT = Duration.ofMinutes(30);

    private DistributedMapBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path workflows = Path.of(args[1]);
        int items = Integer.parseInt(args[2]);
        int xmxMiB = Integer.parseInt(args[3]);
        Path out = Path.of(args[4]);
        String moto = System.getenv("STEPWISE_MOTO_ENDPOINT");
        if (moto == null || moto.isBlank()) {
            System.err.println("[bench] distributed map: STEPWISE_MOTO_ENDPOINT is not set; skipped");
            System.exit(3);
        }
        ObjectNode row = run(jar, workflows, items, xmxMiB, URI.create(moto));
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                JSON.createArrayNode().add(row)));
        System.err.println("[bench] " + row);
        System.exit(0);
    }

    static ObjectNode run(Path jar, Path workflows, int items, int xmxMiB, URI moto) throws Exception {
        ObjectNode row = JSON.createObjectNode().put("part", "distributed-map").put("items", items)
                .put("maxConcurrency", 1000).put("serverXmxMiB", xmxMiB);
        String bucket = "stepwise-bench-" + System.currentTimeMillis();
        String key = "items.jsonl";
        try (S3Client s3 = S3Client.builder().endpointOverride(moto).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            s3.createBucket(b -> b.bucket(bucket));
            byte[] body = jsonLines(items);
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
            row.put("objectBytes", body.length);
        }

        Path dataDir = Files.createTempDirectory("stepwise-bench-dmap");
        Path config = dataDir.resolveSibling(dataDir.getFileName() + ".json");
        Files.writeString(config, JSON.writeValueAsString(JSON.createObjectNode().set("aws", JSON.createObjectNode()
                .put("region", "us-east-1").put("endpoint", moto.toString())
                .set("credentials", JSON.createObjectNode().put("accessKeyId", "test")
                        .put("secretAccessKey", "test")))));
        int port = freePort();
        int jmxPort = freePort();
        List<String> command = new ArrayList<>(List.of("java"));
        // The launcher's flags, as `stepwise serve` runs for users; the jar is ROOT/local/target/stepwise-cli.jar.
        command.addAll(ShippedJvmFlags.of(jar.toAbsolutePath().getParent().getParent().getParent()));
        command.addAll(List.of("-Xmx" + xmxMiB + "m",
                "-Dcom.sun.management.jmxremote.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
                "-jar", jar.toString(), "serve", "--port", Integer.toString(port),
                "--data-dir", dataDir.toString(), "--config", config.toString()));
        Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            awaitListening(server);
            try (SfnClient sfn = sfn(port); JmxHeap heap = JmxHeap.connect(jmxPort)) {
                String inline = sfn.createStateMachine(b -> b.name("inline-map-1000").roleArn(ROLE)
                        .definition(read(workflows.resolve("map-1000.asl.json")))).stateMachineArn();
                String distributed = sfn.createStateMachine(b -> b.name("distributed-map").roleArn(ROLE)
                        .definition(read(workflows.resolve("server/distributed-map.asl.json")))).stateMachineArn();

                // The inline Map twice, the first as the server's warm-up (JIT, SQLite pages), the second measured.
                row.set("inlineMap1000Cold", timed(sfn, inline, "inline-warmup", "{}", 1000, null));
                row.set("inlineMap1000", timed(sfn, inline, "inline", "{}", 1000, null));

                ObjectNode dmap = JSON.createObjectNode();
                String input = JSON.createObjectNode().put("bucket", bucket).put("key", key).toString();
                heap.resetPeaks();
                try (StoreSampler store = new StoreSampler(dataDir.resolve("stepwise.db"))) {
                    ObjectNode timing = timed(sfn, distributed, "dmap", input, items, store);
                    dmap.setAll(timing);
                    dmap.put("peakParentStateBytesSampled", store.peakState.get())
                            .put("peakMapRunRecordBytesSampled", store.peakMapRun.get())
                            .put("storeSamples", store.samples.get());
                }
                heap.sample();
                dmap.put("liveHeapAfterRunMiB", heap.liveAfterFullGc() >> 20)
                        .put("peakHeapUsedMiBSampled", heap.peakUsed.get() >> 20)
                        .put("peakHeapAfterGcMiB", heap.peakAfterGc.get() >> 20)
                        .put("jvmPeakHeapPoolsMiB", heap.poolPeaks() >> 20)
                        .put("heapSamples", heap.samples.get())
                        .put("gcCount", heap.gcCount());
                row.set("distributedMap", dmap);
                row.put("status", "SUCCEEDED".equals(dmap.path("status").asText())
                        && "SUCCEEDED".equals(row.path("inlineMap1000").path("status").asText()) ? "ok" : "failed");
            }
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
        row.set("store", storeFigures(dataDir.resolve("stepwise.db")));
        row.put("storeBytes", sizeOf(dataDir));
        delete(dataDir);
        Files.deleteIfExists(config);
        return row;
    }

    /** Starts one execution, waits for it to end, and reports its wall time and items/s (from the server's dates). */
    private static ObjectNode timed(SfnClient sfn, String machine, String name, String input, int items,
            StoreSampler store) throws InterruptedException {
        String arn = sfn.startExecution(b -> b.stateMachineArn(machine).name(name).input(input)).executionArn();
        if (store != null) {
            store.start(arn);
        }
        long deadline = System.nanoTime() + LIMIT.toNanos();
        DescribeExecutionResponse described;
        do {
            Thread.sleep(store == null ? 20 : 500);
            described = sfn.describeExecution(b -> b.executionArn(arn));
        } while (described.status() == ExecutionStatus.RUNNING && System.nanoTime() < deadline);
        ObjectNode row = JSON.createObjectNode().put("status", described.statusAsString());
        if (described.status() != ExecutionStatus.SUCCEEDED) {
            row.put("error", String.valueOf(described.error())).put("cause", String.valueOf(described.cause()));
        }
        if (described.stopDate() != null) {
            double seconds = Duration.between(described.startDate(), described.stopDate()).toMillis() / 1000.0;
            row.put("seconds", seconds).put("itemsPerSecond", Math.round(items / seconds * 10) / 10.0);
        }
        if (store != null) {
            var runs = sfn.listMapRuns(b -> b.executionArn(arn)).mapRuns();
            if (!runs.isEmpty()) {
                DescribeMapRunResponse run = sfn.describeMapRun(b -> b.mapRunArn(runs.get(0).mapRunArn()));
                row.put("mapRunStatus", run.statusAsString())
                        .put("itemsSucceeded", run.itemCounts().succeeded())
                        .put("itemsFailed", run.itemCounts().failed())
                        .put("itemsTotal", run.itemCounts().total());
            }
        }
        return row;
    }

    private static byte[] jsonLines(int items) {
        StringBuilder lines = new StringBuilder(items * 40);
        for (int i = 0; i < items; i++) {
            lines.append("{\"id\":").append(i).append(",\"name\":\"item-").append(i).append("\"}\n");
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Waits for the server's "Step Functions API on" line, passing its output on to ours afterwards. */
    private static void awaitListening(Process server) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            System.err.println("[serve] " + line);
            if (line.contains("Step Functions API on")) {
                Thread pump = new Thread(() -> lines.lines().forEach(l -> System.err.println("[serve] " + l)));
                pump.setDaemon(true);
                pump.start();
                return;
            }
        }
        throw new IllegalStateException("stepwise serve exited before listening");
    }

    private static SfnClient sfn(int port) {
        return SfnClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(60))
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
    }

    /** Sizes from the store once the server has stopped: the parent's history, and the largest child's. */
    private static ObjectNode storeFigures(Path db) throws SQLException {
        ObjectNode row = JSON.createObjectNode();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            query(s, row, "SELECT count(*), max(length(state)) FROM executions",
                    "executions", "maxStateBytesAnyExecution");
            query(s, row, "SELECT count(*), coalesce(sum(length(details)), 0), coalesce(max(length(details)), 0)"
                    + " FROM history_events WHERE execution_arn LIKE '%:execution:distributed-map:dmap'",
                    "parentHistoryEvents", "parentHistoryBytes", "parentLargestEventBytes");
            // The version counts the parent's commits: one per compare-and-set it won.
            query(s, row, "SELECT length(state), version FROM executions"
                    + " WHERE arn LIKE '%:execution:distributed-map:dmap'", "parentFinalStateBytes", "parentCommits");
            query(s, row, "SELECT max(n), max(b) FROM (SELECT count(*) n, sum(length(details)) b FROM history_events"
                    + " WHERE execution_arn LIKE '%:execution:distributed-map/%' GROUP BY execution_arn)",
                    "maxChildHistoryEvents", "maxChildHistoryBytes");
            query(s, row, "SELECT max(length(record)) FROM map_runs", "mapRunRecordBytes");
        }
        return row;
    }

    private static void query(Statement s, ObjectNode row, String sql, String... names) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            if (r.next()) {
                for (int i = 0; i < names.length; i++) {
                    row.put(names[i], r.getLong(i + 1));
                }
            }
        }
    }

    /** Samples the parent's stored state and Map Run record every second through a second (reading) connection. */
    private static final class StoreSampler implements AutoCloseable {
        final AtomicLong peakState = new AtomicLong();
        final AtomicLong peakMapRun = new AtomicLong();
        final AtomicLong samples = new AtomicLong();
        private final Path db;
        private volatile boolean running = true;
        private Thread thread;

        StoreSampler(Path db) {
            this.db = db;
        }

        void start(String parentArn) {
            thread = new Thread(() -> {
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db + "?open_mode=1");
                        PreparedStatement state = c.prepareStatement("SELECT length(state) FROM executions WHERE arn = ?");
                        PreparedStatement run = c.prepareStatement(
                                "SELECT max(length(record)) FROM map_runs WHERE execution_arn = ?")) {
                    state.setString(1, parentArn);
                    run.setString(1, parentArn);
                    while (running) {
                        peak(state, peakState);
                        peak(run, peakMapRun);
                        samples.incrementAndGet();
                        Thread.sleep(1000);
                    }
                } catch (SQLException | InterruptedException e) {
                    if (running) {
                        System.err.println("[bench] store sampler stopped: " + e);
                    }
                }
            }, "store-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private static void peak(PreparedStatement query, AtomicLong peak) throws SQLException {
            try (ResultSet r = query.executeQuery()) {
                if (r.next()) {
                    peak.accumulateAndGet(r.getLong(1), Math::max);
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.interrupt();
                thread.join(5000);
            }
        }
    }

    /** The server's heap over JMX, sampled every 200 ms on a daemon thread. */
    private static final class JmxHeap implements AutoCloseable {
        final AtomicLong peakUsed = new AtomicLong();
        final AtomicLong peakAfterGc = new AtomicLong();
        final AtomicLong samples = new AtomicLong();
        private final JMXConnector connector;
        private final MemoryMXBean memory;
        private final List<MemoryPoolMXBean> heapPools = new ArrayList<>();
        private final List<com.sun.management.GarbageCollectorMXBean> collectors = new ArrayList<>();
        private volatile boolean running = true;
        private final Thread thread;

        private JmxHeap(JMXConnector connector) throws IOException, javax.management.JMException {
            this.connector = connector;
            MBeanServerConnection c = connector.getMBeanServerConnection();
            memory = java.lang.management.ManagementFactory.newPlatformMXBeanProxy(c, "java.lang:type=Memory",
                    MemoryMXBean.class);
            for (ObjectName name : c.queryNames(new ObjectName("java.lang:type=MemoryPool,*"), null)) {
                MemoryPoolMXBean pool = java.lang.management.ManagementFactory.newPlatformMXBeanProxy(c,
                        name.toString(), MemoryPoolMXBean.class);
                if (pool.getType() == MemoryType.HEAP) {
                    heapPools.add(pool);
                }
            }
            for (ObjectName name : c.queryNames(new ObjectName("java.lang:type=GarbageCollector,*"), null)) {
                collectors.add(java.lang.management.ManagementFactory.newPlatformMXBeanProxy(c, name.toString(),
                        com.sun.management.GarbageCollectorMXBean.class));
            }
            thread = new Thread(() -> {
                while (running) {
                    try {
                        sample();
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        if (running) {
                            System.err.println("[bench] heap sample failed: " + e);
                        }
                    }
                }
            }, "jmx-heap");
            thread.setDaemon(true);
            thread.start();
        }

        static JmxHeap connect(int port) throws Exception {
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
            Exception last = null;
            for (int attempt = 0; attempt < 50; attempt++) {
                try {
                    return new JmxHeap(JMXConnectorFactory.connect(url));
                } catch (IOException e) {
                    last = e;
                    Thread.sleep(200);
                }
            }
            throw last;
        }

        void sample() {
            peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            for (var gc : collectors) {
                var info = gc.getLastGcInfo();
                if (info != null) {
                    long after = info.getMemoryUsageAfterGc().values().stream()
                            .filter(u -> u != null).mapToLong(MemoryUsage::getUsed).sum();
                    // A collector's after-GC figure spans every pool it reports, non-heap ones included (small).
                    peakAfterGc.accumulateAndGet(after, Math::max);
                }
            }
            samples.incrementAndGet();
        }

        /**
         * The heap left by a full collection once the run is over: what the server still holds. A young collection's
         * after-GC figure also counts old garbage that G1 has not reclaimed yet, so it rises with a run's length.
         */
        long liveAfterFullGc() {
            memory.gc();
            return memory.getHeapMemoryUsage().getUsed();
        }

        void resetPeaks() {
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            peakUsed.set(0);
            peakAfterGc.set(0);
        }

        /** The sum of each heap pool's own peak: an upper bound, as the pools need not peak together. */
        long poolPeaks() {
            return heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        }

        long gcCount() {
            return collectors.stream().mapToLong(g -> Math.max(0, g.getCollectionCount())).sum();
        }

        @Override
        public void close() throws IOException {
            running = false;
            thread.interrupt();
            connector.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
