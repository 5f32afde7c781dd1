package io.stepwise.it.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stepwise.functions.ApiHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Executors;

/**
 * API Gateway's REST proxy integration in front of the API function, on a loopback port: each HTTP request becomes
 * the {@link APIGatewayProxyRequestEvent} API Gateway sends (headers and multi-value headers, the stage's path, a
 * request context with the IAM caller it authorised) and the function's answer becomes the HTTP response. A body
 * whose {@code Content-Type} matches one of the API's binary media types (the stack declares
 * {@link ApiHandler#BINARY_MEDIA_TYPES}) is passed base64-encoded with {@code isBase64Encoded}, any other as UTF-8
 * text, as API Gateway does. It checks no signature: the AWS conformance suite signs with the SDK's stock
 * {@code states} scope.
 */
public final class ApiGatewayProxy implements AutoCloseable {
    static final String STAGE = "prod";
    private static final String CALLER = "arn:aws:sts::123456789012:assumed-role/ConformanceRole/suite";

    private final HttpServer server;
    private final ApiHandler handler;
    private final List<String> binaryMediaTypes;
    private final AtomicLong begun = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();

    /** The stack's REST API in front of {@code handler}. */
    public ApiGatewayProxy(ApiHandler handler) throws IOException {
        this(handler, ApiHandler.BINARY_MEDIA_TYPES);
    }

    public ApiGatewayProxy(ApiHandler handler, List<String> binaryMediaTypes) throws IOException {
        this.handler = handler;
        this.binaryMediaTypes = List.copyOf(binaryMediaTypes);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        // API Gateway calls the function concurrently; so do several clients of one test.
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "api-gateway");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** How many calls that may commit a step have begun and finished so far; see {@link #quietSince}. */
    public record Calls(long begun, long finished) {
    }

    public Calls calls() {
        long done = finished.get();
        return new Calls(begun.get(), done);
    }

    /**
     * Whether no call that may commit a step was in flight at any moment since {@code mark} was taken: none began,
     * none finished, and none was running then. Such a call (StartExecution, SendTaskSuccess, StopExecution, …)
     * commits before it sends the messages that carry its work on, so a deployment must not jump its virtual clock
     * while one runs: the stored timer it would jump to (a Task's timeout) may belong to work still on its way to a
     * queue. Reads ({@code Describe*}, {@code List*}, {@code Get*}) are not counted, or a test polling
     * DescribeExecution would hold the clock still; nor is {@code GetActivityTask}, whose long poll would hold it
     * for as long as a worker waits.
     */
    public boolean quietSince(Calls mark) {
        long done = finished.get();
        return begun.get() == mark.begun() && done == mark.finished() && mark.begun() == mark.finished();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        String operation = target.substring(target.indexOf('.') + 1);
        boolean counted = !(operation.startsWith("Describe") || operation.startsWith("List")
                || operation.startsWith("Get"));
        if (counted) {
            begun.incrementAndGet();
        }
        try (exchange) {
            APIGatewayProxyResponseEvent response = handler.handleRequest(event(exchange), null);
            byte[] body = response.getBody().getBytes(StandardCharsets.UTF_8);
            response.getHeaders().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(response.getStatusCode(), body.length);
            exchange.getResponseBody().write(body);
        } finally {
            if (counted) {
                finished.incrementAndGet();
            }
        }
    }

    /**
     * Whether API Gateway treats a body of {@code contentType} as binary: a declared type matches itself, and
     * {@code type/*} or {@code *}{@code /*} match by wildcard; parameters ({@code ; charset=…}) do not count.
     */
    static boolean isBinary(List<String> binaryMediaTypes, String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        String type = mediaType.split("/", 2)[0];
        for (String declared : binaryMediaTypes) {
            String d = declared.toLowerCase(Locale.ROOT);
            if (d.equals("*/*") || d.equals(mediaType) || d.equals(type + "/*")) {
                return true;
            }
        }
        return false;
    }

    private APIGatewayProxyRequestEvent event(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, List<String>> multiValueHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            multiValueHeaders.put(name, List.copyOf(values));
        });
        byte[] body = exchange.getRequestBody().readAllBytes();
        boolean binary = isBinary(binaryMediaTypes, headers.get("Content-Type"));
        String requestId = UUID.randomUUID().toString();
        APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity()
                .withAccountId("123456789012").withCaller("AROAEXAMPLE:suite").withUserArn(CALLER)
                .withUser("AROAEXAMPLE:suite").withAccessKey("ASIAEXAMPLE")
                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                .withUserAgent(headers.get("User-Agent"));
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withAccountId("123456789012").withApiId("loopback").withStage(STAGE).withResourcePath("/")
                .withResourceId("root").withHttpMethod(exchange.getRequestMethod()).withPath("/" + STAGE + "/")
                .withProtocol(exchange.getProtocol()).withRequestId(requestId).withIdentity(identity)
                .withRequestTimeEpoch(Instant.now().toEpochMilli());
        return new APIGatewayProxyRequestEvent()
                .withResource("/")
                .withPath(exchange.getRequestURI().getPath())
                .withHttpMethod(exchange.getRequestMethod())
                .withHeaders(headers)
                .withMultiValueHeaders(multiValueHeaders)
                .withRequestContext(context)
                .withBody(binary ? Base64.getEncoder().encodeToString(body)
                        : new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(binary);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
