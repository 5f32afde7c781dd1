package io.stepwise.it.conformance;

import io.stepwise.it.LocalClients;
import io.stepwise.local.server.LocalStepwise;
import io.stepwise.local.server.ServeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The recorded AWS cases again, this time through {@code stepwise serve} (on a SQLite store in a temporary data
 * directory, virtual time) driven by the AWS SDK's {@link SfnClient}: the same comparison as {@link ConformanceSuite},
 * the same known deviations and the same ratchet. Prints {@code conformance (server): N passed, M failed, K skipped}
 * and writes {@code target/conformance-server-report.json}. One server serves every case.
 */
class ServerConformanceSuite {
    private static final ConformanceReport REPORT = new ConformanceReport("server", "conformance-server-report.json");

    static {
        // Also set by the module's surefire configuration; here for runs outside it (an IDE). Only effective
        // if no HttpServer started earlier in this JVM: see the pom for why it matters.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static Path dataDir;
    private static LocalStepwise server;
    private static SfnClient sfn;

    @BeforeAll
    static void startServer() throws IOException {
        dataDir = Files.createTempDirectory("stepwise-conformance");
        // The service-integration cases' Lambda functions in-process and their other services on moto; the other
        // cases call no integration that either serves.
        server = LocalStepwise.start(ServeOptions.defaults().withPort(0).withDataDir(dataDir).withVirtualTime(true),
                ServiceFixtures.shared().integrations(Clock.systemUTC()), ServiceFixtures.shared().mapRunIo());
        sfn = LocalClients.to(server.port(), Duration.ofSeconds(30));
    }

    @TestFactory
    Stream<DynamicTest> recordedCasesThroughTheServer() throws IOException {
        ServerCaseRunner runner = new ServerCaseRunner(sfn);
        return REPORT.cases(runner::run);
    }

    @AfterAll
    static void stopServer() throws IOException {
        try {
            REPORT.finish();
        } finally {
            if (sfn != null) {
                sfn.close();
            }
            if (server != null) {
                server.close();
            }
            if (dataDir != null) {
                try (Stream<Path> walk = Files.walk(dataDir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
