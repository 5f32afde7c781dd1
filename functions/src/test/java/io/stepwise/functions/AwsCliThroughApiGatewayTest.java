package io.stepwise.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The AWS CLI with the shipped {@code stepwise} service model, as the README installs it, against the API
 * function behind a loopback stand-in for API Gateway: the model must sign for {@code execute-api}, post to the
 * stage and keep Step Functions' operations. The root {@code test} script installs the CLI and names it in
 * {@code STEPWISE_AWS_CLI}.
 */
class AwsCliThroughApiGatewayTest {
    private static final Path MODEL = Path.of("..", "clients", "aws-cli", "stepwise-2016-11-23.json");
    private static final String ROLE = "arn:aws:iam::111122223333:role/StepwiseMachine";

    @TempDir
    Path home;
    private String cli;
    private final List<ApiCall> audit = new ArrayList<>();
    private InMemoryApi api;
    private LoopbackApiGateway gateway;

    @BeforeEach
    void start() throws Exception {
        cli = System.getenv("STEPWISE_AWS_CLI");
        assumeTrue(cli != null && Files.isExecutable(Path.of(cli)),
                "STEPWISE_AWS_CLI does not name an executable AWS CLI (the root ./test script installs one)");
        api = new InMemoryApi();
        gateway = new LoopbackApiGateway(new ApiHandler(api.service, audit::add));
        run(List.of(cli, "configure", "add-model", "--service-name", "stepwise",
                "--service-model", "file://" + MODEL.toAbsolutePath().normalize()));
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
            api.close();
        }
    }

    @Test
    void standardAndSynchronousExpressExecutionsRunThroughTheModel() throws Exception {
        String pass = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":{\"ok\":true},\"End\":true}}}";
        String standard = stepwise("create-state-machine", "--name", "standard", "--definition", pass,
                "--role-arn", ROLE).get("stateMachineArn").asText();
        String express = stepwise("create-state-machine", "--name", "express", "--definition", pass,
                "--role-arn", ROLE, "--type", "EXPRESS").get("stateMachineArn").asText();

        String execution = stepwise("start-execution", "--state-machine-arn", standard, "--name", "first",
                "--input", "{}").get("executionArn").asText();
        JsonNode synchronous = stepwise("start-sync-execution", "--state-machine-arn", express, "--input", "{}");

        assertThat(execution).isEqualTo("arn:aws:states:eu-west-1:111122223333:execution:standard:first");
        assertThat(stepwise("describe-execution", "--execution-arn", execution).get("status").asText())
                .isIn("RUNNING", "SUCCEEDED");
        assertThat(synchronous.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(Json.parse(synchronous.get("output").asText())).isEqualTo(Json.parse("{\"ok\": true}"));
        assertThat(audit).extracting(ApiCall::operation).containsExactly("CreateStateMachine",
                "CreateStateMachine", "StartExecution", "StartSyncExecution", "DescribeExecution");
        assertThat(audit).allSatisfy(call -> assertThat(call.caller().userArn())
                .isEqualTo("arn:aws:sts::111122223333:assumed-role/OpsRole/deployer"));
    }

    @Test
    void awsErrorsReachTheCliWithTheirCodes() throws Exception {
        CliResult result = run(List.of(cli, "stepwise", "describe-state-machine", "--state-machine-arn",
                "arn:aws:states:eu-west-1:111122223333:stateMachine:missing"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("StateMachineDoesNotExist");
    }

    private JsonNode stepwise(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(cli, "stepwise"));
        command.addAll(List.of(args));
        command.addAll(List.of("--output", "json"));
        CliResult result = run(command);
        assertThat(result.exitCode()).as("aws stepwise %s: %s", String.join(" ", args), result.output()).isZero();
        return Json.parse(result.output());
    }

    private CliResult run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        // add-model installs into ~/.aws/models; the developer's own profiles must not leak into the test.
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", home.resolve("none").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("none").toString());
        env.put("AWS_ACCESS_KEY_ID", "AKIDTEST");
        env.put("AWS_SECRET_ACCESS_KEY", "secret");
        env.put("AWS_DEFAULT_REGION", "eu-west-1");
        env.put("AWS_PAGER", "");
        env.put("AWS_ENDPOINT_URL_STEPWISE", gateway.url());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new CliResult(process.exitValue(), output);
    }

    private record CliResult(int exitCode, String output) {
    }
}
