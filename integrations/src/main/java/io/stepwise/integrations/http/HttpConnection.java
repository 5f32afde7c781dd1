package io.stepwise.integrations.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An EventBridge connection as an HTTP Task uses it: how requests are authorized and the header, query-string and
 * body parameters the connection adds to every request (they win over the Task's own, as EventBridge merges them).
 * Read from the same JSON as EventBridge's {@code CreateConnection} request takes, so a connection configured
 * locally is written exactly as it would be created on AWS.
 */
public record HttpConnection(ConnectionAuthorization authorization, HttpParameters invocation) {

    /**
     * The connection described by {@code AuthorizationType} and {@code AuthParameters} of a CreateConnection request.
     *
     * @throws IllegalArgumentException naming the member that is missing or wrong
     */
    public static HttpConnection fromCreateConnection(JsonNode connection) {
        String type = text(connection, "AuthorizationType");
        JsonNode auth = object(connection, "AuthParameters");
        ConnectionAuthorization authorization = switch (type) {
            case "API_KEY" -> {
                JsonNode key = object(auth, "ApiKeyAuthParameters");
                yield new ConnectionAuthorization.ApiKey(text(key, "ApiKeyName"), text(key, "ApiKeyValue"));
            }
            case "BASIC" -> {
                JsonNode basic = object(auth, "BasicAuthParameters");
                yield new ConnectionAuthorization.Basic(text(basic, "Username"), text(basic, "Password"));
            }
            case "OAUTH_CLIENT_CREDENTIALS" -> {
                JsonNode oauth = object(auth, "OAuthParameters");
                JsonNode client = object(oauth, "ClientParameters");
                yield new ConnectionAuthorization.OAuthClientCredentials(
                        URI.create(text(oauth, "AuthorizationEndpoint")), text(oauth, "HttpMethod"),
                        text(client, "ClientID"), text(client, "ClientSecret"),
                        HttpParameters.of(oauth.path("OAuthHttpParameters")));
            }
            default -> throw new IllegalArgumentException("'AuthorizationType' must be API_KEY, BASIC or "
                    + "OAUTH_CLIENT_CREDENTIALS, not '" + type + "'");
        };
        return new HttpConnection(authorization, HttpParameters.of(auth.path("InvocationHttpParameters")));
    }

    /**
     * The connection of type {@code authorizationType} (DescribeConnection's) from the secret EventBridge keeps for
     * it in Secrets Manager, whose members are the CreateConnection parameters in snake case
     * ({@code api_key_name}, {@code client_secret}, {@code invocation_http_parameters.header_parameters[].key}, …).
     */
    public static HttpConnection fromSecret(String authorizationType, JsonNode secret) {
        ConnectionAuthorization authorization = switch (authorizationType) {
            case "API_KEY" -> new ConnectionAuthorization.ApiKey(text(secret, "api_key_name"),
                    text(secret, "api_key_value"));
            case "BASIC" -> new ConnectionAuthorization.Basic(text(secret, "username"), text(secret, "password"));
            case "OAUTH_CLIENT_CREDENTIALS" -> new ConnectionAuthorization.OAuthClientCredentials(
                    URI.create(text(secret, "authorization_endpoint")), text(secret, "http_method"),
                    text(secret, "client_id"), text(secret, "client_secret"),
                    HttpParameters.ofSecret(secret.path("oauth_http_parameters")));
            default -> throw new IllegalArgumentException("unknown authorization type '" + authorizationType + "'");
        };
        return new HttpConnection(authorization, HttpParameters.ofSecret(secret.path("invocation_http_parameters")));
    }

    private static JsonNode object(JsonNode parent, String name) {
        JsonNode value = parent.path(name);
        if (!value.isObject()) {
            throw new IllegalArgumentException("'" + name + "' is required and must be an object");
        }
        return value;
    }

    private static String text(JsonNode parent, String name) {
        JsonNode value = parent.path(name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + name + "' is required and must be a string");
        }
        return value.textValue();
    }

    /**
     * Header, query-string and body parameters, each a list of {@code {"Key", "Value", "IsValueSecret"}} as in
     * EventBridge's {@code ConnectionHttpParameters}.
     */
    public record HttpParameters(Map<String, String> headers, Map<String, String> query, Map<String, String> body) {
        public static final HttpParameters NONE = new HttpParameters(Map.of(), Map.of(), Map.of());

        public HttpParameters {
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
            body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
        }

        static HttpParameters of(JsonNode parameters) {
            if (parameters.isMissingNode() || parameters.isNull()) {
                return NONE;
            }
            if (!parameters.isObject()) {
                throw new IllegalArgumentException("HTTP parameters must be an object");
            }
            return new HttpParameters(pairs(parameters, "HeaderParameters"), pairs(parameters, "QueryStringParameters"),
                    pairs(parameters, "BodyParameters"));
        }

        static HttpParameters ofSecret(JsonNode parameters) {
            if (!parameters.isObject()) {
                return NONE;
            }
            return new HttpParameters(secretPairs(parameters.path("header_parameters")),
                    secretPairs(parameters.path("query_string_parameters")),
                    secretPairs(parameters.path("body_parameters")));
        }

        private static Map<String, String> secretPairs(JsonNode list) {
            Map<String, String> pairs = new LinkedHashMap<>();
            for (JsonNode pair : list) {
                pairs.put(text(pair, "key"), text(pair, "value"));
            }
            return pairs;
        }

        private static Map<String, String> pairs(JsonNode parameters, String name) {
            JsonNode list = parameters.path(name);
            Map<String, String> pairs = new LinkedHashMap<>();
            if (list.isMissingNode()) {
                return pairs;
            }
            if (!list.isArray()) {
                throw new IllegalArgumentException("'" + name + "' must be a list of {\"Key\", \"Value\"}");
            }
            for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
                JsonNode pair = it.next();
                pairs.put(text(pair, "Key"), text(pair, "Value"));
            }
            return pairs;
        }
    }
}
