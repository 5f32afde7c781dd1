package io.stepwise.functions;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;

/**
 * Lambda's Invoke operation as a real HTTP endpoint, for the asynchronous invocations moto cannot run with our
 * functions: {@code POST /2015-03-31/functions/{name}/invocations} with {@code X-Amz-Invocation-Type: Event} is
 * accepted (202) and recorded, for a test to hand to the handler as Lambda would ({@link #event}); or, while
 * {@link #failWith} says so, answered with Lambda's error for that status. Any other request is a 400.
 */
public final class FakeLambda implements AutoCloseable {
    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");

    /** One accepted asynchronous invocation: the function as the caller named it and the payload's text. */
    public record Invocation(String functionName, String payload) {
    }

    private final HttpServer server;
    private final Queue<Invocation> accepted = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int failureStatus;

    public FakeLambda() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A client of this endpoint, built on {@code builder} (where a test adds its interceptors). */
    public LambdaClient client(LambdaClientBuilder builder) {
        return builder.endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing",
                        "testing")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    public LambdaClient client() {
        return client(LambdaClient.builder());
    }

    /** From now on every Invoke is answered with {@code status} (429 or 500) and Lambda's error; 0 accepts again. */
    public void failWith(int status) {
        failureStatus = status;
    }

    /** Invoke requests received, accepted or not. */
    public int requests() {
        return requests.get();
    }

    /** The invocations accepted since the last call, oldest first. */
    public List<Invocation> take() {
        List<Invocation> taken = new ArrayList<>();
        for (Invocation next = accepted.poll(); next != null; next = accepted.poll()) {
            taken.add(next);
        }
        return taken;
    }

    /** An invocation's payload read into the handler's event as Lambda's Java runtime reads it. */
    public static SQSEvent event(Invocation invocation) {
        return LambdaEventSerializers.serializerFor(SQSEvent.class, FakeLambda.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(invocation.payload().getBytes(StandardCharsets.UTF_8)));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Matcher invoke = INVOKE.matcher(exchange.getRequestURI().getRawPath());
            if (!exchange.getRequestMethod().equals("POST") || !invoke.matches()
                    || !"Event".equals(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))) {
                error(exchange, 400, "InvalidRequestContentException", "only asynchronous Invoke is served here");
                return;
            }
            requests.incrementAndGet();
            int failure = failureStatus;
            if (failure == 429) {
                error(exchange, 429, "TooManyRequestsException", "Rate exceeded");
                return;
            }
            if (failure != 0) {
                error(exchange, failure, "ServiceException", "the fake Lambda fails as told");
                return;
            }
            accepted.add(new Invocation(URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8),
                    new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(202, -1);
        }
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        byte[] body = ("{\"Type\":\"" + (status == 429 ? "User" : "Service") + "\",\"message\":\"" + message
                + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("X-Amzn-ErrorType", type);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
