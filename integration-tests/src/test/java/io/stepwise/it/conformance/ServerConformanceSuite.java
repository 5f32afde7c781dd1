package io.stepwise.it.conformance;

import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.local.server.LocalStepwise;
import io.stepwise.local.server.ServeOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The recorded AWS cases again, this time through {@code stepwise serve} (on a SQLite store in a temporary data
 * directory, virtual time) driven by the AWS SDK's {@link SfnClient}: the same comparison as {@link ConformanceSuite},
 * the same known deviations and the same ratchet. Prints {@code conformance (server): N passed, M failed, K skipped}
 * and writes {@code target/conformance-server-report.json}. One server serves every case.
 */
class ServerConformanceSuite {
    private static final ConformanceReport REPORT = new ConformanceReport("server", "conformance-server-report.json");
    /** The recorded cases call no integration: every resource is unknown, as in the in-memory run. */
    private static final IntegrationRegistry NO_INTEGRATIONS = resource -> Optional.empty();

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
        server = LocalStepwise.start(ServeOptions.defaults().withPort(0).withDataDir(dataDir).withVirtualTime(true),
                NO_INTEGRATIONS);
        sfn = SfnClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.of(Normalizer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                // TestState's model adds the host prefix "sync-", which names no host locally.
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(30))
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
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
