package io.stepwise.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A function served over HTTP: the event is POSTed as JSON and a 2xx response body is the result. A non-2xx
 * response carrying a Lambda error document ({@code errorType}, {@code errorMessage}) is that function error;
 * any other failure to get an answer is {@code Lambda.ServiceException}, as when Lambda itself fails.
 */
public final class HttpLambdaFunction implements LambdaFunction {
    static final String SERVICE_EXCEPTION = "Lambda.ServiceException";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI endpoint;

    public HttpLambdaFunction(URI endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public JsonNode invoke(JsonNode event, Context context) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMillis(Math.max(1, context.getRemainingTimeInMillis())))
                .header("Content-Type", "application/json")
                .header("Lambda-Runtime-Aws-Request-Id", context.getAwsRequestId())
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(event)))
                .build();
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw serviceError("cannot reach " + endpoint + ": " + e);
        }
        String body = response.body();
        if (response.statusCode() / 100 == 2) {
            return body.isBlank() ? NullNode.getInstance() : parse(body);
        }
        if (parseQuietly(body) instanceof ObjectNode document && document.path("errorType").isTextual()) {
            throw new RemoteFunctionError(document.get("errorType").textValue(), document);
        }
        throw serviceError(endpoint + " answered HTTP " + response.statusCode() + ": " + body);
    }

    private JsonNode parse(String body) throws RemoteFunctionError {
        try {
            return Json.parse(body);
        } catch (IllegalArgumentException e) {
            throw serviceError(endpoint + " returned a body that is not JSON: " + e.getMessage());
        }
    }

    private static JsonNode parseQuietly(String body) {
        try {
            return Json.parse(body);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static RemoteFunctionError serviceError(String message) {
        return new RemoteFunctionError(SERVICE_EXCEPTION, Json.MAPPER.createObjectNode()
                .put("errorMessage", message).put("errorType", SERVICE_EXCEPTION));
    }

    @Override
    public String toString() {
        return endpoint.toString();
    }
}
