package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.stepwise.local.server.ServeOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** {@code stepwise serve --config stepwise.json}: Lambda tasks served by handler classes and HTTP endpoints. */
class ServeIntegrationsTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/stepwise";

    @TempDir
    Path dir;
    private HttpServer endpoint;
    private LocalServer server;
    private SfnClient sfn;

    @BeforeEach
    void start() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/double", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean fail = body.contains("\"fail\"");
            byte[] answer = (fail ? "{\"errorType\":\"OrderRejected\",\"errorMessage\":\"no stock\"}"
                    : "{\"doubled\":" + body + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 500 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        endpoint.start();
        Path config = dir.resolve("stepwise.json");
        Files.writeString(config, """
                {"lambda": {"functions": {
                  "shout": {"handler": "io.stepwise.it.api.ShoutHandler"},
                  "double": {"endpoint": "http://127.0.0.1:%d/double"}}}}""".formatted(endpoint.getAddress().getPort()));
        server = new LocalServer(ServeOptions.defaults().withPort(0).withInMemory(true).withConfig(config));
        sfn = server.sfn;
    }

    @AfterEach
    void stop() {
        server.close();
        endpoint.stop(0);
    }

    private DescribeExecutionResponse run(String resource, String input) throws InterruptedException {
        String definition = """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(resource);
        String machine = sfn.createStateMachine(b -> b.name("m" + Math.abs(resource.hashCode()))
                .definition(definition).roleArn(ROLE)).stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
        return Await.end(sfn, execution);
    }

    @Test
    void aConfiguredHandlerClassServesItsFunctionArn() throws Exception {
        DescribeExecutionResponse done = run("arn:aws:lambda:us-east-1:123456789012:function:shout",
                "{\"word\":\"hi\"}");

        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"shout\":\"HI!\"}");
    }

    @Test
    void aHandlerExceptionFailsTheTaskWithItsClassNameAsLambdaDoes() throws Exception {
        DescribeExecutionResponse done = run("arn:aws:lambda:us-east-1:123456789012:function:shout",
                "{\"fail\":\"bad word\"}");

        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("java.lang.IllegalStateException");
        assertThat(done.cause()).contains("\"errorMessage\":\"bad word\"");
    }

    @Test
    void anEndpointFunctionGetsThePayloadPostedAndItsBodyIsTheResult() throws Exception {
        DescribeExecutionResponse done = run("arn:aws:states:::lambda:invoke", """
                {"FunctionName":"double","Payload":{"n":2}}""");

        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).contains("\"Payload\":{\"doubled\":{\"n\":2}}").contains("\"StatusCode\":200");
    }

    @Test
    void anEndpointErrorDocumentIsTheFunctionError() throws Exception {
        DescribeExecutionResponse done = run("arn:aws:lambda:us-east-1:123456789012:function:double",
                "{\"fail\":true}");

        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("OrderRejected");
        assertThat(done.cause()).contains("no stock");
    }

    @Test
    void anUnconfiguredFunctionFailsTheTaskAsAwsDoes() throws Exception {
        DescribeExecutionResponse done = run("arn:aws:lambda:us-east-1:123456789012:function:nobody", "{}");

        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Lambda.ResourceNotFoundException");
    }
}
