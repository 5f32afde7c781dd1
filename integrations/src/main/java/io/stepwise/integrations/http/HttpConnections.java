package io.stepwise.integrations.http;

import io.stepwise.engine.port.TaskRequest;
import java.util.Map;
import java.util.Optional;

/** Finds the EventBridge connection an HTTP Task names by its ARN. */
@FunctionalInterface
public interface HttpConnections {
    HttpConnections NONE = (arn, request) -> Optional.empty();

    /**
     * The connection, or empty when there is none by that ARN.
     *
     * @param request the Task calling through it: a connection kept in AWS is read with its credentials
     */
    Optional<HttpConnection> find(String connectionArn, TaskRequest request);

    /** Connections declared up front, e.g. in {@code stepwise.json}. */
    static HttpConnections of(Map<String, HttpConnection> byArn) {
        Map<String, HttpConnection> copy = Map.copyOf(byArn);
        return (arn, request) -> Optional.ofNullable(copy.get(arn));
    }

    /** These connections, then {@code next}'s for an ARN these do not have. */
    default HttpConnections or(HttpConnections next) {
        return (arn, request) -> find(arn, request).or(() -> next.find(arn, request));
    }
}
