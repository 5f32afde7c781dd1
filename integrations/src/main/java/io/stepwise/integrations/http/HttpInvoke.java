package io.stepwise.integrations.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.HttpTrace;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.engine.port.TracingIntegration;
import io.stepwise.integrations.aws.InvalidParameter;
import io.stepwise.integrations.aws.RefusedResponse;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP Task {@code arn:aws:states:::http:invoke}: calls {@code ApiEndpoint} with the Task's method, headers,
 * query parameters and body, authorized and completed by its EventBridge connection. The output is
 * {@code {"Headers", "ResponseBody", "StatusCode", "StatusText"}} with a JSON body parsed; a status outside 2xx fails
 * the task with {@code States.Http.StatusCode.<code>} and that output, as text, as the cause; no answer within 60 s
 * (AWS's hard limit) is {@code States.Http.Socket}. TestState's TRACE sees the request and the answer, with what
 * the connection added left out unless secrets are revealed.
 */
public final class HttpInvoke implements TracingIntegration {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String STATUS_ERROR_PREFIX = "States.Http.StatusCode.";
    static final String SOCKET_ERROR = "States.Http.Socket";
    static final String CONNECTION_NOT_FOUND = "Events.ConnectionResource.ResourceNotFound";
    static final String CONNECTION_INVALID = "Events.ConnectionResource.InvalidConnectionState";

    private final HttpConnections connections;
    private final HttpClient http;
    private final OAuthTokens tokens;
    private final String userAgent;

    /** @param region the region named in the {@code User-Agent} AWS sends, {@code null} when unknown */
    public HttpInvoke(HttpConnections connections, String region, Clock clock) {
        this.connections = connections;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.tokens = new OAuthTokens(http, clock);
        this.userAgent = "Amazon|StepFunctions|HttpInvoke|" + (region == null ? "" : region);
    }

    @Override
    public TaskOutcome invoke(TaskRequest request) {
        return invokeTraced(request, false).outcome();
    }

    @Override
    public Traced invokeTraced(TaskRequest request, boolean revealSecrets) {
        OutgoingRequest outgoing = null;
        try {
            HttpTaskParameters parameters = HttpTaskParameters.parse(request.input());
            HttpConnection connection = connections.find(parameters.connectionArn(), request).orElseThrow(() ->
                    new HttpTaskFailure(CONNECTION_NOT_FOUND, "Connection resource "
                            + parameters.connectionArn() + " does not exist."));
            outgoing = build(parameters, connection);
            HttpResponse<byte[]> response = http.send(outgoing.request(), HttpResponse.BodyHandlers.ofByteArray());
            ObjectNode output = output(response);
            HttpTrace trace = new HttpTrace(outgoing.shown(revealSecrets), traced(response));
            if (response.statusCode() / 100 != 2) {
                return new Traced(new TaskOutcome.Failed(STATUS_ERROR_PREFIX + response.statusCode(),
                        output.toString()), trace);
            }
            return new Traced(new TaskOutcome.Succeeded(output), trace);
        } catch (InvalidParameter e) {
            return failed(StatesErrors.TASK_FAILED, e.getMessage(), outgoing, revealSecrets);
        } catch (HttpTaskFailure e) {
            return failed(e.error(), e.getMessage(), outgoing, revealSecrets);
        } catch (RefusedResponse e) {
            return failed(e.error(), e.getMessage(), outgoing, revealSecrets);
        } catch (HttpTimeoutException e) {
            return failed(SOCKET_ERROR, "The HTTP request timed out after " + TIMEOUT.toSeconds() + " seconds",
                    outgoing, revealSecrets);
        } catch (IOException e) {
            return failed(SOCKET_ERROR, "The HTTP request failed: " + e, outgoing, revealSecrets);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(SOCKET_ERROR, "The HTTP request was interrupted", outgoing, revealSecrets);
        }
    }

    /** A call that got no answer: the trace has the request if one was made. */
    private static Traced failed(String error, String cause, OutgoingRequest outgoing, boolean revealSecrets) {
        return new Traced(new TaskOutcome.Failed(error, cause),
                outgoing == null ? null : new HttpTrace(outgoing.shown(revealSecrets), null));
    }

    private OutgoingRequest build(HttpTaskParameters task, HttpConnection connection)
            throws IOException, InterruptedException {
        HttpConnection.HttpParameters added = connection.invocation();
        List<String> taskPairs = pairs(task.query());
        Map<String, List<String>> query = new LinkedHashMap<>(task.query());
        added.query().forEach((name, value) -> query.put(name, List.of(value)));
        List<String> pairs = pairs(query);

        OutgoingHeaders headers = new OutgoingHeaders();
        task.headers().forEach((name, value) -> headers.put(name, value, false));
        String body = body(task, added.body());
        if (body != null && !headers.has("content-type")) {
            // AWS's trace leaves out the Content-Type it adds (its TestState example sends a JSON body without one).
            headers.putHidden("Content-Type", task.urlEncoded() ? "application/x-www-form-urlencoded"
                    : "application/json; charset=UTF-8");
        }
        authorize(connection.authorization(), headers);
        added.headers().forEach((name, value) -> headers.put(name, value, true));
        headers.put("User-Agent", userAgent, false);

        URI uri = withQuery(task.endpoint(), pairs);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                // Plain HTTP (a local endpoint) stays HTTP/1.1: an h2c upgrade offer confuses some servers.
                .version("http".equalsIgnoreCase(task.endpoint().getScheme()) ? HttpClient.Version.HTTP_1_1
                        : HttpClient.Version.HTTP_2)
                .method(task.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.sent().forEach(header -> {
            try {
                builder.header(header.name(), header.value());
            } catch (IllegalArgumentException e) {
                throw new InvalidParameter("The header '" + header.name() + "' cannot be sent: " + e.getMessage());
            }
        });
        String protocol = task.endpoint().getScheme().toLowerCase(Locale.ROOT);
        HttpTrace.Request revealed = new HttpTrace.Request(protocol, task.method(), uri.toString(),
                headers.shown(true), body);
        HttpTrace.Request withoutSecrets = new HttpTrace.Request(protocol, task.method(),
                withQuery(task.endpoint(), taskPairs).toString(), headers.shown(false), body(task, Map.of()));
        return new OutgoingRequest(builder.build(), revealed, withoutSecrets);
    }

    private static List<String> pairs(Map<String, List<String>> query) {
        List<String> pairs = new ArrayList<>();
        query.forEach((name, values) -> values.forEach(value ->
                pairs.add(FormEncoder.escape(name) + "=" + FormEncoder.escape(value))));
        return pairs;
    }

    /**
     * The body as sent: the Task's {@code RequestBody} with the connection's body parameters merged in (they need an
     * object body), as JSON or, for {@code URL_ENCODED}, as a form; a string body is sent as it is.
     */
    private static String body(HttpTaskParameters task, Map<String, String> added) {
        JsonNode body = task.body();
        if (!added.isEmpty()) {
            if (body != null && !body.isObject()) {
                throw new InvalidParameter("The connection adds body parameters, so 'RequestBody' must be an object");
            }
            ObjectNode merged = body == null ? Json.MAPPER.createObjectNode() : ((ObjectNode) body).deepCopy();
            added.forEach(merged::put);
            body = merged;
        }
        if (body == null) {
            return null;
        }
        if (body.isTextual()) {
            return body.textValue();
        }
        if (task.urlEncoded()) {
            if (!body.isObject()) {
                throw new InvalidParameter("A URL_ENCODED 'RequestBody' must be an object");
            }
            return FormEncoder.encode(body, task.arrayFormat());
        }
        return body.toString();
    }

    private void authorize(ConnectionAuthorization authorization, OutgoingHeaders headers)
            throws IOException, InterruptedException {
        if (authorization instanceof ConnectionAuthorization.ApiKey key) {
            headers.put(key.name(), key.value(), true);
        } else if (authorization instanceof ConnectionAuthorization.Basic basic) {
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (basic.username() + ":" + basic.password()).getBytes(StandardCharsets.UTF_8)), true);
        } else if (authorization instanceof ConnectionAuthorization.OAuthClientCredentials oauth) {
            headers.put("Authorization", "Bearer " + tokens.token(oauth), true);
        } else {
            throw new IllegalStateException("unhandled authorization " + authorization);
        }
    }

    static URI withQuery(URI endpoint, List<String> pairs) {
        if (pairs.isEmpty()) {
            return endpoint;
        }
        String text = endpoint.toString();
        int fragment = text.indexOf('#');
        String base = fragment < 0 ? text : text.substring(0, fragment);
        String separator = endpoint.getRawQuery() == null ? "?" : "&";
        return URI.create(base + separator + String.join("&", pairs));
    }

    /** The answer as TestState's TRACE shows it: status, headers and body as received. */
    private static HttpTrace.Response traced(HttpResponse<byte[]> response) {
        List<String> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                values.forEach(value -> headers.add(name + ": " + value));
            }
        });
        return new HttpTrace.Response(response.uri().getScheme().toLowerCase(Locale.ROOT),
                String.valueOf(response.statusCode()), ReasonPhrases.of(response.statusCode()),
                "[" + String.join(", ", headers) + "]", new String(response.body(), StandardCharsets.UTF_8));
    }

    /** AWS's shape: every header with the list of its values, and a JSON body parsed when it is declared JSON. */
    private static ObjectNode output(HttpResponse<byte[]> response) {
        ObjectNode output = Json.MAPPER.createObjectNode();
        ObjectNode headers = output.putObject("Headers");
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                values.forEach(headers.putArray(name)::add);
            }
        });
        String text = new String(response.body(), StandardCharsets.UTF_8);
        output.set("ResponseBody", isJson(response) && !text.isBlank() ? parsedOrText(text)
                : Json.MAPPER.getNodeFactory().textNode(text));
        output.put("StatusCode", response.statusCode());
        output.put("StatusText", ReasonPhrases.of(response.statusCode()));
        return output;
    }

    private static boolean isJson(HttpResponse<?> response) {
        String type = response.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
        int parameters = type.indexOf(';');
        String media = (parameters < 0 ? type : type.substring(0, parameters)).trim();
        return media.equals("application/json") || media.endsWith("+json");
    }

    private static JsonNode parsedOrText(String text) {
        try {
            return Json.parse(text);
        } catch (RuntimeException e) {
            return Json.MAPPER.getNodeFactory().textNode(text);
        }
    }
}
