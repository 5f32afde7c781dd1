package io.stepwise.local.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stepwise.api.ApiException;
import io.stepwise.api.StepFunctionsService;
import io.stepwise.query.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Step Functions API over HTTP on AWS's JSON 1.0 protocol: {@code POST /} with
 * {@code X-Amz-Target: AWSStepFunctions.<Operation>}. Errors are {@code {"__type": code, "message": ...}}. No
 * request, however malformed, may take the server down: every failure becomes an error response.
 */
public final class StepwiseServer implements AutoCloseable {
    private static final String TARGET_PREFIX = "AWSStepFunctions.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    /** A definition may be 1 MiB and an input 256 KiB; anything far beyond is refused unread. */
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final StepFunctionsService service;
    private final HttpServer http;
    /** Unbounded because GetActivityTask holds its thread for up to a minute; a fixed pool would starve. */
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stepwise-http");
        thread.setDaemon(true);
        return thread;
    });

    static {
        // The JDK server leaves Nagle's algorithm on, which with the client's delayed ACK stalls every small
        // response ~40 ms on loopback; it reads this property when its first server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    public StepwiseServer(StepFunctionsService service, String host, int port) throws IOException {
        this.service = service;
        this.http = HttpServer.create(new InetSocketAddress(host, port), 0);
        http.createContext("/", this::exchange);
        http.setExecutor(threads);
    }

    public void start() {
        http.start();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            ObjectNode body;
            int status = 200;
            try {
                body = handle(exchange);
            } catch (ApiException e) {
                status = e.httpStatus();
                body = error(e.code(), e.getMessage());
            } catch (RuntimeException | Error e) {
                status = 500;
                // The exception stays in the server: its class and message would tell a caller about our internals.
                body = error("InternalFailure", "The request processing has failed because of an unknown error,"
                        + " exception or failure.");
            }
            byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private ObjectNode handle(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw new ApiException("UnknownOperationException", "Only POST / is served", 404);
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            throw ApiException.of("UnknownOperationException", "Unknown target: " + target);
        }
        return service.handle(target.substring(TARGET_PREFIX.length()), readBody(exchange.getRequestBody()));
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException("SerializationException", "The request body exceeds " + MAX_BODY_BYTES + " bytes",
                    413);
        }
        return bytes;
    }

    private static ObjectNode error(String code, String message) {
        return Json.MAPPER.createObjectNode().put("__type", code).put("message", message);
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }
}
