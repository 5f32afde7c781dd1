package io.stepwise.integrations.http;

import java.util.Map;
import java.util.Optional;

/** Finds the EventBridge connection an HTTP Task names by its ARN. */
@FunctionalInterface
public interface HttpConnections {
    HttpConnections NONE = arn -> Optional.empty();

    /** The connection, or empty when there is none by that ARN. */
    Optional<HttpConnection> find(String connectionArn);

    /** Connections declared up front, e.g. in {@code stepwise.json}. */
    static HttpConnections of(Map<String, HttpConnection> byArn) {
        Map<String, HttpConnection> copy = Map.copyOf(byArn);
        return arn -> Optional.ofNullable(copy.get(arn));
    }
}
