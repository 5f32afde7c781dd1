package io.stepwise.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What API Gateway does in front of the API function, on a loopback port: a request to stage {@value #STAGE}
 * becomes a REST proxy event (the caller identity as the recorded event carries it) and the function's answer
 * becomes the HTTP response. Like {@code AWS_IAM} authorisation it refuses a request whose SigV4 credential is
 * not scoped to {@code execute-api}; it does not check the signature itself.
 */
final class LoopbackApiGateway implements AutoCloseable {
    static final String STAGE = "prod";

    private final HttpServer server;
    private final ApiHandler handler;

    LoopbackApiGateway(ApiHandler handler) throws IOException {
        this.handler = handler;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + STAGE + "/";
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.matches("AWS4-HMAC-SHA256 Credential=[^/]+/\\d{8}/[^/]+"
                    + "/execute-api/aws4_request,.*")) {
                write(exchange, 403, "{\"message\":\"Credential should be scoped to correct service: 'execute-api'."
                        + " \"}", Map.of("x-amzn-ErrorType", "InvalidSignatureException"));
                return;
            }
            APIGatewayProxyResponseEvent response = handler.handleRequest(event(exchange), null);
            write(exchange, response.getStatusCode(), response.getBody(), response.getHeaders());
        }
    }

    private static APIGatewayProxyRequestEvent event(HttpExchange exchange) throws IOException {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/iam-signed-request.json");
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        event.setHeaders(headers);
        event.setMultiValueHeaders(null);
        event.setHttpMethod(exchange.getRequestMethod());
        event.setPath(exchange.getRequestURI().getPath().replaceFirst("^/" + STAGE, ""));
        event.setBody(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        event.setIsBase64Encoded(false);
        event.getRequestContext().setRequestId(UUID.randomUUID().toString());
        return event;
    }

    private static void write(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
