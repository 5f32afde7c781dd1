package io.stepwise.integrations.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stepwise.engine.port.HttpTrace;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.engine.port.TracingIntegration;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP Task against a real HTTP server on a loopback port, with each kind of EventBridge connection. */
class HttpInvokeTest {
    private static final String API_KEY = "arn:aws:events:us-east-1:123456789012:connection/key/1";
    private static final String BASIC = "arn:aws:events:us-east-1:123456789012:connection/basic/1";
    private static final String OAUTH = "arn:aws:events:us-east-1:123456789012:connection/oauth/1";

    /** One request as the server saw it. */
    private record Seen(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private HttpServer server;
    private String base;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private HttpInvoke http;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Seen request = record(exchange);
            switch (request.path()) {
                case "/token" -> respond(exchange, 200, "application/json",
                        "{\"access_token\": \"tok-" + seen.size() + "\", \"expires_in\": 3600}");
                case "/missing" -> respond(exchange, 404, "application/json", "{\"message\": \"no such order\"}");
                case "/text" -> respond(exchange, 200, "text/plain; charset=utf-8", "plain words");
                default -> respond(exchange, 200, "application/json; charset=utf-8", "{\"ok\": true, \"n\": [1, 2]}");
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        http = new HttpInvoke(HttpConnections.of(Map.of(
                API_KEY, connection("""
                        {"AuthorizationType": "API_KEY", "AuthParameters": {
                          "ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "k-123"},
                          "InvocationHttpParameters": {"HeaderParameters": [{"Key": "x-tenant", "Value": "acme"}],
                                                       "QueryStringParameters": [{"Key": "v", "Value": "2"}],
                                                       "BodyParameters": [{"Key": "source", "Value": "sfn"}]}}}
                        """),
                BASIC, connection("""
                        {"AuthorizationType": "BASIC",
                         "AuthParameters": {"BasicAuthParameters": {"Username": "ada", "Password": "pw"}}}
                        """),
                OAUTH, connection("""
                        {"AuthorizationType": "OAUTH_CLIENT_CREDENTIALS", "AuthParameters": {"OAuthParameters": {
                          "AuthorizationEndpoint": "%s/token", "HttpMethod": "POST",
                          "ClientParameters": {"ClientID": "id", "ClientSecret": "secret"},
                          "OAuthHttpParameters": {"BodyParameters": [{"Key": "scope", "Value": "orders"}]}}}}
                        """.formatted(base)))), "us-east-1", Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static HttpConnection connection(String json) {
        return HttpConnection.fromCreateConnection(Json.parse(json));
    }

    private Seen record(HttpExchange exchange) throws IOException {
        Seen request = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        seen.add(request);
        return request;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("X-Trace", "a");
        exchange.getResponseHeaders().add("X-Trace", "b");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private TaskOutcome invoke(String parameters) {
        return http.invoke(new TaskRequest("arn:aws:states:us-east-1:123456789012:execution:m:e", "Call",
                "arn:aws:states:::http:invoke", Json.parse(parameters.replace("BASE", base)), null, null, null, null));
    }

    @Test
    void tracesTheExchangeWithTheConnectionsAuthorizationOnlyWhenSecretsAreRevealed() {
        TaskRequest request = new TaskRequest(null, "Call", "arn:aws:states:::http:invoke", Json.parse("""
                {"ApiEndpoint": "%s/missing", "Method": "GET", "Authentication": {"ConnectionArn": "%s"},
                 "Headers": {"X-Request": "r-1"}}
                """.formatted(base, BASIC)), null, null, null, null);

        TracingIntegration.Traced revealed = http.invokeTraced(request, true);
        TracingIntegration.Traced hidden = http.invokeTraced(request, false);

        assertThat(revealed.outcome()).isInstanceOf(TaskOutcome.Failed.class);
        assertThat(revealed.trace().request()).isEqualTo(new HttpTrace.Request("http", "GET", base + "/missing",
                "[X-Request: r-1, Authorization: Basic YWRhOnB3, User-Agent: Amazon|StepFunctions|HttpInvoke|us-east-1]",
                null));
        assertThat(hidden.trace().request().headers())
                .isEqualTo("[X-Request: r-1, User-Agent: Amazon|StepFunctions|HttpInvoke|us-east-1]");
        HttpTrace.Response response = hidden.trace().response();
        assertThat(response.statusCode()).isEqualTo("404");
        assertThat(response.statusMessage()).isEqualTo("Not Found");
        assertThat(response.body()).isEqualTo("{\"message\": \"no such order\"}");
        assertThat(response.headers()).contains("x-trace: a, x-trace: b");
        assertThat(last().header("authorization")).isEqualTo("Basic YWRhOnB3");
    }

    @Test
    void aCallThatCannotBeMadeHasNoTrace() {
        TracingIntegration.Traced traced = http.invokeTraced(new TaskRequest(null, "Call",
                "arn:aws:states:::http:invoke", Json.parse("{\"Method\": \"GET\"}"), null, null, null, null), true);

        assertThat(traced.outcome()).isInstanceOf(TaskOutcome.Failed.class);
        assertThat(traced.trace()).isNull();
    }

    private Seen last() {
        return seen.get(seen.size() - 1);
    }

    @Test
    void callsTheEndpointWithTheConnectionsParametersAndAnswersAwsShape() {
        TaskOutcome outcome = invoke("""
                {"ApiEndpoint": "BASE/orders", "Method": "POST",
                 "Authentication": {"ConnectionArn": "%s"},
                 "Headers": {"x-request": "r-1", "x-tenant": "mine"},
                 "QueryParameters": {"page": 3, "tag": ["a b", "c"]},
                 "RequestBody": {"order": 7}}
                """.formatted(API_KEY));

        assertThat(outcome).isInstanceOf(TaskOutcome.Succeeded.class);
        JsonNode output = ((TaskOutcome.Succeeded) outcome).output();
        assertThat(output.get("StatusCode").asInt()).isEqualTo(200);
        assertThat(output.get("StatusText").asText()).isEqualTo("OK");
        assertThat(output.get("ResponseBody")).isEqualTo(Json.parse("{\"ok\": true, \"n\": [1, 2]}"));
        assertThat(output.get("Headers").get("x-trace")).isEqualTo(Json.parse("[\"a\", \"b\"]"));
        assertThat(output.fieldNames()).toIterable()
                .containsExactly("Headers", "ResponseBody", "StatusCode", "StatusText");

        Seen request = last();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.query()).isEqualTo("page=3&tag=a%20b&tag=c&v=2");
        assertThat(request.header("x-api-key")).isEqualTo("k-123");
        assertThat(request.header("x-request")).isEqualTo("r-1");
        // The connection's parameters win over the Task's, as EventBridge merges them.
        assertThat(request.header("x-tenant")).isEqualTo("acme");
        assertThat(request.header("User-Agent")).isEqualTo("Amazon|StepFunctions|HttpInvoke|us-east-1");
        assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=UTF-8");
        assertThat(Json.parse(request.body())).isEqualTo(Json.parse("{\"order\": 7, \"source\": \"sfn\"}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "INDICES  | a=1&items[0]=x&items[1]=y%20z&customer[name]=Ada&customer[tags][0]=vip",
            "REPEAT   | a=1&items=x&items=y%20z&customer[name]=Ada&customer[tags]=vip",
            "COMMAS   | a=1&items=x,y%20z&customer[name]=Ada&customer[tags]=vip",
            "BRACKETS | a=1&items[]=x&items[]=y%20z&customer[name]=Ada&customer[tags][]=vip"})
    void encodesAUrlEncodedBodyInTheArrayFormatAsked(String format, String expected) {
        TaskOutcome outcome = invoke("""
                {"ApiEndpoint": "BASE/form", "Method": "PUT", "Authentication": {"ConnectionArn": "%s"},
                 "RequestBody": {"a": 1, "items": ["x", "y z"], "customer": {"name": "Ada", "tags": ["vip"]}},
                 "Transform": {"RequestBodyEncoding": "URL_ENCODED",
                               "RequestEncodingOptions": {"ArrayFormat": "%s"}}}
                """.formatted(BASIC, format));

        assertThat(outcome).isInstanceOf(TaskOutcome.Succeeded.class);
        assertThat(last().body()).isEqualTo(expected);
        assertThat(last().header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(last().header("Authorization")).isEqualTo("Basic YWRhOnB3");
    }

    @Test
    void sendsAnOAuthTokenFetchedOnceWithTheClientCredentials() {
        String call = """
                {"ApiEndpoint": "BASE/orders", "Method": "GET", "Authentication": {"ConnectionArn": "%s"}}
                """.formatted(OAUTH);
        assertThat(invoke(call)).isInstanceOf(TaskOutcome.Succeeded.class);
        assertThat(invoke(call)).isInstanceOf(TaskOutcome.Succeeded.class);

        assertThat(seen).extracting(Seen::path).containsExactly("/token", "/orders", "/orders");
        Seen token = seen.get(0);
        assertThat(token.header("Authorization")).isEqualTo("Basic aWQ6c2VjcmV0");
        assertThat(token.body()).isEqualTo("grant_type=client_credentials&scope=orders");
        assertThat(seen.get(1).header("Authorization")).isEqualTo("Bearer tok-1");
        assertThat(seen.get(2).header("Authorization")).isEqualTo("Bearer tok-1");
    }

    @Test
    void failsAStatusOutside2xxWithItsCodeAndTheResponseAsCause() {
        TaskOutcome outcome = invoke("""
                {"ApiEndpoint": "BASE/missing", "Method": "GET", "Authentication": {"ConnectionArn": "%s"}}
                """.formatted(BASIC));

        assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class, failed -> {
            assertThat(failed.error()).isEqualTo("States.Http.StatusCode.404");
            JsonNode cause = Json.parse(failed.cause());
            assertThat(cause.get("StatusCode").asInt()).isEqualTo(404);
            assertThat(cause.get("StatusText").asText()).isEqualTo("Not Found");
            assertThat(cause.get("ResponseBody")).isEqualTo(Json.parse("{\"message\": \"no such order\"}"));
        });
    }

    @Test
    void keepsABodyThatIsNotJsonAsText() {
        TaskOutcome outcome = invoke("""
                {"ApiEndpoint": "BASE/text", "Method": "GET", "Authentication": {"ConnectionArn": "%s"}}
                """.formatted(BASIC));

        assertThat(((TaskOutcome.Succeeded) outcome).output().get("ResponseBody").asText()).isEqualTo("plain words");
    }

    @Test
    void refusesForbiddenHeadersAndMissingFieldsWithoutCalling() {
        ObjectNode base = (ObjectNode) Json.parse("""
                {"ApiEndpoint": "BASE/orders", "Method": "GET", "Authentication": {"ConnectionArn": "%s"}}
                """.formatted(BASIC).replace("BASE", this.base));
        for (String header : new String[] {"Host", "X-Amz-Date", "x-forwarded-for", "Accept-Encoding"}) {
            ObjectNode parameters = base.deepCopy();
            parameters.putObject("Headers").put(header, "x");
            assertThat(invoke(parameters.toString())).as(header).isInstanceOfSatisfying(TaskOutcome.Failed.class,
                    failed -> {
                        assertThat(failed.error()).isEqualTo(StatesErrors.TASK_FAILED);
                        assertThat(failed.cause()).contains("'" + header + "'");
                    });
        }
        for (String field : new String[] {"ApiEndpoint", "Method", "Authentication"}) {
            ObjectNode parameters = base.deepCopy();
            parameters.remove(field);
            assertThat(invoke(parameters.toString())).as(field).isInstanceOfSatisfying(TaskOutcome.Failed.class,
                    failed -> assertThat(failed.cause()).contains(field));
        }
        assertThat(invoke(base.deepCopy().put("Method", "TRACE").toString()))
                .isInstanceOfSatisfying(TaskOutcome.Failed.class,
                        failed -> assertThat(failed.cause()).contains("'Method'"));
        assertThat(seen).isEmpty();
    }

    @Test
    void failsAnUnknownConnectionAsEventBridgeDoes() {
        TaskOutcome outcome = invoke("""
                {"ApiEndpoint": "BASE/orders", "Method": "GET",
                 "Authentication": {"ConnectionArn": "arn:aws:events:us-east-1:123456789012:connection/none/1"}}
                """);

        assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class,
                failed -> assertThat(failed.error()).isEqualTo("Events.ConnectionResource.ResourceNotFound"));
        assertThat(seen).isEmpty();
    }

    @Test
    void failsAnUnreachableEndpointWithTheSocketError() {
        server.stop(0);
        TaskOutcome outcome = invoke("""
                {"ApiEndpoint": "BASE/orders", "Method": "GET", "Authentication": {"ConnectionArn": "%s"}}
                """.formatted(BASIC));

        assertThat(outcome).isInstanceOfSatisfying(TaskOutcome.Failed.class,
                failed -> assertThat(failed.error()).isEqualTo("States.Http.Socket"));
    }
}
