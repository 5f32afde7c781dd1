package io.stepwise.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.stepwise.local.server.ServeOptions;
import io.stepwise.query.Json;
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
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;

/**
 * HTTP Tasks through {@code stepwise serve}: the connection's API key comes from {@code stepwise.json}'s {@code http}
 * section, the API is a JDK HTTP server on a loopback port, and the workflow is driven with the real SfnClient. The
 * history is checked event by event, and a 404 is caught by its {@code States.Http.StatusCode.404} name.
 */
class HttpTaskEndToEndTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/stepwise";
    private static final String CONNECTION = "arn:aws:events:us-east-1:123456789012:connection/shop/5b3c";

    private HttpServer api;
    private String base;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private LocalServer server;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " key="
                    + exchange.getRequestHeaders().getFirst("x-api-key") + " " + body);
            boolean found = exchange.getRequestURI().getPath().equals("/orders");
            byte[] answer = (found ? "{\"id\": \"o-7\", \"status\": \"created\"}" : "{\"message\": \"gone\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(found ? 201 : 404, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        api.start();
        base = "http://127.0.0.1:" + api.getAddress().getPort();
        Path config = dir.resolve("stepwise.json");
        Files.writeString(config, """
                {"http": {"connections": {"%s": {"AuthorizationType": "API_KEY", "AuthParameters": {
                  "ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "k-42"}}}}}}
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

    @Test
    void postsWithTheConnectionsKeyAndCatchesA404ByItsStatusCode() throws Exception {
        String machine = server.sfn.createStateMachine(b -> b.name("http-orders").roleArn(ROLE).definition("""
                {"StartAt": "Create", "States": {
                  "Create": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke",
                             "Parameters": {"ApiEndpoint": "%s/orders", "Method": "POST",
                                            "Authentication": {"ConnectionArn": "%s"},
                                            "QueryParameters": {"dry": "false"},
                                            "RequestBody": {"item.$": "$.item"}},
                             "ResultSelector": {"id.$": "$.ResponseBody.id", "code.$": "$.StatusCode"},
                             "ResultPath": "$.created", "Next": "Lookup"},
                  "Lookup": {"Type": "Task", "Resource": "arn:aws:states:::http:invoke",
                             "Parameters": {"ApiEndpoint": "%s/gone", "Method": "GET",
                                            "Authentication": {"ConnectionArn": "%s"}},
                             "Catch": [{"ErrorEquals": ["States.Http.StatusCode.404"], "ResultPath": "$.missing",
                                        "Next": "Done"}], "End": true},
                  "Done": {"Type": "Succeed"}}}
                """.formatted(base, CONNECTION, base, CONNECTION))).stateMachineArn();

        String executionArn = server.sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"item\": \"book\"}"))
                .executionArn();
        DescribeExecutionResponse ended = Await.end(server.sfn, executionArn);

        assertThat(ended.status()).as(ended.error() + ": " + ended.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(calls).containsExactly("POST /orders?dry=false key=k-42 {\"item\":\"book\"}", "GET /gone key=k-42 ");
        JsonNode output = Json.parse(ended.output());
        assertThat(output.get("created")).isEqualTo(Json.parse("{\"id\": \"o-7\", \"code\": 201}"));
        assertThat(output.path("missing").path("Error").asText()).isEqualTo("States.Http.StatusCode.404");
        assertThat(Json.parse(output.path("missing").path("Cause").asText()).path("ResponseBody"))
                .isEqualTo(Json.parse("{\"message\": \"gone\"}"));

        List<HistoryEvent> events = server.sfn.getExecutionHistory(b -> b.executionArn(executionArn)).events();
        assertThat(events).extracting(HistoryEvent::type).containsExactly(
                HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED,
                HistoryEventType.TASK_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED,
                HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED,
                HistoryEventType.TASK_FAILED, HistoryEventType.TASK_STATE_EXITED,
                HistoryEventType.SUCCEED_STATE_ENTERED, HistoryEventType.SUCCEED_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED);
        var create = events.get(2).taskScheduledEventDetails();
        assertThat(create.resourceType()).isEqualTo("http");
        assertThat(create.resource()).isEqualTo("invoke");
        assertThat(create.region()).isEqualTo("us-east-1");
        assertThat(Json.parse(create.parameters())).isEqualTo(Json.parse("""
                {"ApiEndpoint": "%s/orders", "Method": "POST", "Authentication": {"ConnectionArn": "%s"},
                 "QueryParameters": {"dry": "false"}, "RequestBody": {"item": "book"}}
                """.formatted(base, CONNECTION)));
        assertThat(events.get(3).taskStartedEventDetails().resourceType()).isEqualTo("http");
        JsonNode created = Json.parse(events.get(4).taskSucceededEventDetails().output());
        assertThat(created.get("StatusCode").asInt()).isEqualTo(201);
        assertThat(created.get("StatusText").asText()).isEqualTo("Created");
        assertThat(created.get("ResponseBody")).isEqualTo(Json.parse("{\"id\": \"o-7\", \"status\": \"created\"}"));
        assertThat(created.path("Headers").path("Content-type").isArray()
                || created.path("Headers").path("content-type").isArray()).isTrue();
        var failed = events.get(9).taskFailedEventDetails();
        assertThat(failed.resourceType()).isEqualTo("http");
        assertThat(failed.resource()).isEqualTo("invoke");
        assertThat(failed.error()).isEqualTo("States.Http.StatusCode.404");
        assertThat(Json.parse(failed.cause()).get("StatusText").asText()).isEqualTo("Not Found");
    }

    @Test
    void refusesAnHttpTaskWithoutItsRequiredFieldsAtCreation() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.sfn.createStateMachine(b -> b
                        .name("http-invalid").roleArn(ROLE).definition("""
                                {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                                  "Resource": "arn:aws:states:::http:invoke",
                                  "Parameters": {"Method": "GET", "Authentication": {"ConnectionArn": "%s"}},
                                  "End": true}}}
                                """.formatted(CONNECTION))))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("SCHEMA_VALIDATION_FAILED: The field 'ApiEndpoint' is required but was missing "
                        + "at /States/Call/Parameters");
    }
}
