package io.stepwise.integrations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stepwise.api.ApiException;
import io.stepwise.query.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The Step Functions API of a {@link CallbackEngine} on the AWS JSON 1.0 protocol ({@code POST /} with
 * {@code X-Amz-Target: AWSStepFunctions.<Operation>}, errors as {@code {"__type", "message"}}), for the
 * {@code states:} integrations to start child executions on: moto serves no Step Functions here, and the child runs
 * on Stepwise's own engine as it does in {@code stepwise serve} with the {@code states} endpoint at itself.
 */
public final class StepFunctionsEndpoint implements AutoCloseable {
    private static final String TARGET_PREFIX = "AWSStepFunctions.";

    private final HttpServer server;
    public final CallbackEngine engine = new CallbackEngine(resource -> Optional.empty());

    public StepFunctionsEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = 200;
        ObjectNode answer;
        try {
            answer = engine.handle(target.substring(TARGET_PREFIX.length()), body);
        } catch (ApiException e) {
            status = e.httpStatus();
            answer = Json.MAPPER.createObjectNode().put("__type", e.code()).put("message", e.getMessage());
        }
        byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.getResponseHeaders().add("x-amzn-RequestId", "stepwise-test");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
