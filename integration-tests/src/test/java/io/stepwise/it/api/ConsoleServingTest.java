package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.local.server.ServeOptions;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stepwise serve} serves the console's files on the API's port: {@code GET /} leads to {@code /console/},
 * files come from the jar with a strict content security policy, the loopback Host check still applies, and the
 * API beside them keeps every rule it had.
 */
class ConsoleServingTest {
    private static final String LIST = "AWSStepFunctions.ListStateMachines";

    @TempDir
    Path dataDir;

    @Test
    void theConsoleIsServedBesideTheApi() throws IOException {
        try (LocalServer server = new LocalServer(dataDir, false)) {
            String host = "127.0.0.1:" + server.port();
            RawHttp.Answer root = RawHttp.get(server.port(), host, "/");
            assertThat(root.status()).isEqualTo(302);
            assertThat(root.headers()).containsIgnoringCase("Location: /console/");

            RawHttp.Answer index = RawHttp.get(server.port(), "localhost:" + server.port(), "/console/");
            assertThat(index.status()).isEqualTo(200);
            assertThat(index.headers()).containsIgnoringCase("Content-Type: text/html")
                    .contains("Content-Security-Policy: default-src 'self'").contains("frame-ancestors 'none'");
            assertThat(index.body()).contains("<title>Stepwise console</title>");

            RawHttp.Answer script = RawHttp.get(server.port(), host, "/console/graph.js");
            assertThat(script.status()).isEqualTo(200);
            assertThat(script.headers()).containsIgnoringCase("Content-Type: text/javascript");
            assertThat(RawHttp.get(server.port(), host, "/console/vendor/dagre-1.1.4.min.js").status()).isEqualTo(200);
            assertThat(RawHttp.get(server.port(), host, "/console/vendor/dagre-LICENSE.txt").body()).contains("MIT");

            assertThat(RawHttp.post(server.port(), host, LIST, "{}").body()).contains("stateMachines");
        }
    }

    @Test
    void onlyConsoleFilesAreServedAndOnlyToLoopbackNames() throws IOException {
        try (LocalServer server = new LocalServer(dataDir, false)) {
            String host = "127.0.0.1:" + server.port();
            for (String path : new String[] {"/console/../pom.xml", "/console/%2e%2e/pom.xml", "/console/.hidden.js",
                    "/console/missing.js", "/console/io/stepwise/local/server/ApiHandler.class",
                    "/console//app.js"}) {
                assertThat(RawHttp.get(server.port(), host, path).status()).as(path).isIn(400, 404);
            }
            assertThat(RawHttp.get(server.port(), "evil.example:" + server.port(), "/console/").status())
                    .isEqualTo(403);
            assertThat(RawHttp.get(server.port(), "evil.example", "/").status()).isEqualTo(403);
        }
    }

    @Test
    void withAccessKeysTheFilesAreServedButTheApiStillWantsSignatures() throws IOException {
        ServeOptions keyed = ServeOptions.defaults().withPort(0).withDataDir(dataDir).withAccessKey("AKIDCONSOLE:secret");
        try (LocalServer server = new LocalServer(keyed)) {
            String host = "127.0.0.1:" + server.port();
            assertThat(RawHttp.get(server.port(), host, "/console/").status()).isEqualTo(200);
            RawHttp.Answer unsigned = RawHttp.post(server.port(), host, LIST, "{}");
            assertThat(unsigned.status()).isEqualTo(403);
            assertThat(unsigned.body()).contains("MissingAuthenticationToken");
        }
    }
}
