package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.local.server.ServeOptions;
import io.stepwise.query.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI against {@code stepwise serve}: create, start, describe and history, as in the README. The root
 * {@code test} script installs the CLI and names it in {@code STEPWISE_AWS_CLI}.
 */
class AwsCliRoundTripTest {
    private static final String CLI_ENV = "STEPWISE_AWS_CLI";

    @TempDir
    Path dir;
    private LocalServer server;
    private String cli;

    @BeforeEach
    void start() {
        cli = System.getenv(CLI_ENV);
        assumeTrue(cli != null && Files.isExecutable(Path.of(cli)),
                CLI_ENV + " does not name an executable AWS CLI (the root ./test script installs one)");
        server = new LocalServer(dir, false);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private JsonNode aws(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(cli, "stepfunctions"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", "http://127.0.0.1:" + server.port(), "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "AKIDTEST");
        env.put("AWS_SECRET_ACCESS_KEY", "secret");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        // The developer's own profiles must not leak into the test.
        env.put("AWS_CONFIG_FILE", dir.resolve("none").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("aws %s: %s", String.join(" ", args), output).isZero();
        return Json.parse(output);
    }

    @Test
    void theCliSignaturesAreAcceptedWhenAccessKeysAreRequired() throws Exception {
        server.close();
        server = new LocalServer(ServeOptions.defaults().withPort(0).withDataDir(dir.resolve("keyed"))
                .withAccessKey("AKIDTEST:secret"));
        String definition = """
                {"StartAt":"Say \\"hi\\" ünïcode","States":{"Say \\"hi\\" ünïcode":{"Type":"Pass","End":true}}}""";

        aws("create-state-machine", "--name", "signed", "--definition", definition,
                "--role-arn", "arn:aws:iam::123456789012:role/stepwise");

        assertThat(aws("list-state-machines").get("stateMachines").get(0).get("name").asText()).isEqualTo("signed");
    }

    @Test
    void createStartDescribeAndHistoryRoundTrip() throws Exception {
        String definition = """
                {"StartAt":"Hello","States":{"Hello":{"Type":"Pass","Result":"world","ResultPath":"$.hello","End":true}}}""";
        String machine = aws("create-state-machine", "--name", "hello", "--definition", definition,
                "--role-arn", "arn:aws:iam::123456789012:role/stepwise").get("stateMachineArn").asText();

        String execution = aws("start-execution", "--state-machine-arn", machine, "--input", "{\"who\":\"cli\"}")
                .get("executionArn").asText();
        JsonNode described = aws("describe-execution", "--execution-arn", execution);
        JsonNode history = aws("get-execution-history", "--execution-arn", execution);

        assertThat(described.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(Json.parse(described.get("output").asText()))
                .isEqualTo(Json.parse("{\"who\":\"cli\",\"hello\":\"world\"}"));
        assertThat(history.get("events").findValuesAsText("type"))
                .containsExactly("ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
    }
}
