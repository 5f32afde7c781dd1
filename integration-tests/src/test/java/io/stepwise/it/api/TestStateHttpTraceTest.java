package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.stepwise.local.StepwiseCli;
import io.stepwise.local.server.ServeOptions;
import io.stepwise.query.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;

/**
 * TestState of an HTTP Task at TRACE through {@code stepwise serve} and the real SfnClient (and through
 * {@code stepwise test-state}): {@code inspectionData.request} and {@code .response} as AWS's TestState guide shows
 * them, with what the EventBridge connection added (API key, header, query and body parameters) shown only with
 * {@code revealSecrets}. The API is a JDK HTTP server on a loopback port.
 */
class TestStateHttpTraceTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/stepwise";
    private static final String CONNECTION = "arn:aws:events:us-east-1:123456789012:connection/shop/5b3c";

    @TempDir
    Path dir;
    private HttpServer api;
    private String base;
    private Path config;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private LocalServer server;

    @BeforeEach
    void start() throws Exception {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(exchange.getRequestURI() + " key=" + exchange.getRequestHeaders().getFirst("x-api-key")
                    + " " + body);
            boolean found = exchange.getRequestURI().getPath().equals("/orders");
            byte[] answer = (found ? "{\"id\": \"o-7\"}" : "{\"message\": \"gone\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(found ? 201 : 404, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        api.start();
        base = "http://127.0.0.1:" + api.getAddress().getPort();
        config = dir.resolve("stepwise.json");
        Files.writeString(config, """
                {"http": {"connections": {"%s": {"AuthorizationType": "API_KEY", "AuthParameters": {
                  "ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "k-42"},
                  "InvocationHttpParameters": {"HeaderParameters": [{"Key": "X-Tenant", "Value": "acme"}],
                                               "QueryStringParameters": [{"Key": "v", "Value": "2"}],
                                               "BodyParameters": [{"Key": "source", "Value": "sfn"}]}}}}}}
                """.formatted(CONNECTION));
        server = new LocalServer(ServeOptions.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withConfig(config));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        api.stop(0);
    }

    private String task(String path) {
        return """
                {"Type": "Task", "Resource": "arn:aws:states:::http:invoke",
                 "Parameters": {"ApiEndpoint": "%s%s", "Method": "POST",
                                "Authentication": {"ConnectionArn": "%s"},
                                "Headers": {"Definition-Header": "h1"}, "QueryParameters": {"dry": "false"},
                                "RequestBody": {"item.$": "$.item"}},
                 "ResultSelector": {"id.$": "$.ResponseBody.id"}, "End": true}
                """.formatted(base, path, CONNECTION);
    }

    @Test
    void traceWithRevealSecretsShowsTheRequestAsSentAndTheResponseAsReceived() {
        TestStateResponse response = server.sfn.testState(b -> b.definition(task("/orders")).roleArn(ROLE)
                .input("{\"item\": \"book\"}").inspectionLevel(InspectionLevel.TRACE).revealSecrets(true));

        assertThat(response.statusAsString()).isEqualTo("SUCCEEDED");
        assertThat(Json.parse(response.output())).isEqualTo(Json.parse("{\"id\": \"o-7\"}"));
        var request = response.inspectionData().request();
        assertThat(request.protocol()).isEqualTo("http");
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.url()).isEqualTo(base + "/orders?dry=false&v=2");
        // The User-Agent names the region of the aws section, and none without one (as here).
        assertThat(request.headers()).isEqualTo("[Definition-Header: h1, x-api-key: k-42, X-Tenant: acme, "
                + "User-Agent: Amazon|StepFunctions|HttpInvoke|]");
        assertThat(Json.parse(request.body())).isEqualTo(Json.parse("{\"item\": \"book\", \"source\": \"sfn\"}"));
        var answer = response.inspectionData().response();
        assertThat(answer.protocol()).isEqualTo("http");
        assertThat(answer.statusCode()).isEqualTo("201");
        assertThat(answer.statusMessage()).isEqualTo("Created");
        assertThat(answer.headers()).startsWith("[").endsWith("]").contains("content-type: application/json");
        assertThat(answer.body()).isEqualTo("{\"id\": \"o-7\"}");
        assertThat(Json.parse(response.inspectionData().result()).path("StatusCode").asInt()).isEqualTo(201);
        assertThat(calls).containsExactly("/orders?dry=false&v=2 key=k-42 {\"item\":\"book\",\"source\":\"sfn\"}");
    }

    @Test
    void traceWithoutRevealSecretsLeavesOutWhatTheConnectionAdded() {
        TestStateResponse response = server.sfn.testState(b -> b.definition(task("/orders")).roleArn(ROLE)
                .input("{\"item\": \"book\"}").inspectionLevel(InspectionLevel.TRACE));

        var request = response.inspectionData().request();
        assertThat(request.url()).isEqualTo(base + "/orders?dry=false");
        assertThat(request.headers()).isEqualTo(
                "[Definition-Header: h1, User-Agent: Amazon|StepFunctions|HttpInvoke|]");
        assertThat(Json.parse(request.body())).isEqualTo(Json.parse("{\"item\": \"book\"}"));
        // The response is never redacted: AWS omits only what the connection adds to the request.
        assertThat(response.inspectionData().response().body()).isEqualTo("{\"id\": \"o-7\"}");
        // The request still went out with the connection's key and parameters.
        assertThat(calls).containsExactly("/orders?dry=false&v=2 key=k-42 {\"item\":\"book\",\"source\":\"sfn\"}");
    }

    @Test
    void aFailedCallIsTracedAndDebugShowsNoHttpExchange() {
        TestStateResponse failed = server.sfn.testState(b -> b.definition(task("/gone")).roleArn(ROLE)
                .input("{\"item\": \"book\"}").inspectionLevel(InspectionLevel.TRACE));
        TestStateResponse debug = server.sfn.testState(b -> b.definition(task("/orders")).roleArn(ROLE)
                .input("{\"item\": \"book\"}").inspectionLevel(InspectionLevel.DEBUG).revealSecrets(true));

        assertThat(failed.statusAsString()).isEqualTo("FAILED");
        assertThat(failed.error()).isEqualTo("States.Http.StatusCode.404");
        assertThat(failed.inspectionData().response().statusCode()).isEqualTo("404");
        assertThat(failed.inspectionData().response().statusMessage()).isEqualTo("Not Found");
        assertThat(failed.inspectionData().response().body()).isEqualTo("{\"message\": \"gone\"}");
        assertThat(failed.inspectionData().request().url()).isEqualTo(base + "/gone?dry=false");

        assertThat(debug.statusAsString()).isEqualTo("SUCCEEDED");
        assertThat(debug.inspectionData().afterParameters()).isNotNull();
        assertThat(debug.inspectionData().request()).isNull();
        assertThat(debug.inspectionData().response()).isNull();
    }

    @Test
    void theCliTracesAnHttpTaskWithTheConnectionsOfItsConfiguration() throws Exception {
        Path definition = Files.writeString(dir.resolve("task.json"), task("/orders"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = StepwiseCli.execute(new String[] {"test-state", definition.toString(), "--config",
                config.toString(), "--input", "{\"item\": \"pen\"}", "--inspection-level", "TRACE",
                "--reveal-secrets"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode answer = Json.parse(out.toString(StandardCharsets.UTF_8));
        assertThat(answer.path("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode request = answer.path("inspectionData").path("request");
        assertThat(request.path("url").asText()).isEqualTo(base + "/orders?dry=false&v=2");
        assertThat(request.path("headers").asText()).contains("x-api-key: k-42");
        assertThat(answer.path("inspectionData").path("response").path("statusCode").asText()).isEqualTo("201");
    }
}
