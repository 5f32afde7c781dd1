package io.stepwise.integrations.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.integrations.aws.InvalidParameter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of an {@code arn:aws:states:::http:invoke} Task, checked: {@code ApiEndpoint}, {@code Method},
 * {@code Authentication.ConnectionArn} (required), {@code Headers}, {@code QueryParameters}, {@code RequestBody} and
 * {@code Transform}.
 *
 * @param query  each parameter with its values: an array value sends the parameter once per element
 * @param body   the request body as given, or {@code null} for none
 */
record HttpTaskParameters(URI endpoint, String method, String connectionArn, Map<String, String> headers,
                          Map<String, List<String>> query, JsonNode body, boolean urlEncoded,
                          FormEncoder.ArrayFormat arrayFormat) {

    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");

    private static final Set<String> MEMBERS = Set.of("ApiEndpoint", "Method", "Authentication", "InvocationConfig",
            "Headers", "QueryParameters", "RequestBody", "Transform");

    /**
     * Headers an HTTP Task may not set, because the HTTP client or the path to the endpoint owns them (AWS: "Call
     * HTTPS APIs", HTTP Task fields, Headers); names starting {@code x-forwarded}, {@code x-amz} or {@code x-amzn}
     * are refused too.
     */
    private static final Set<String> FORBIDDEN_HEADERS = Set.of("a-im", "accept-charset", "accept-datetime",
            "accept-encoding", "cache-control", "connection", "content-encoding", "content-md5", "date", "expect",
            "forwarded", "from", "host", "http2-settings", "if-match", "if-modified-since", "if-none-match",
            "if-range", "if-unmodified-since", "max-forwards", "origin", "pragma", "proxy-authorization", "referer",
            "server", "te", "trailer", "transfer-encoding", "upgrade", "via", "warning");

    HttpTaskParameters {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    /** @throws InvalidParameter naming the argument that is missing or wrong */
    static HttpTaskParameters parse(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new InvalidParameter("The HTTP Task's parameters must be an object");
        }
        for (Iterator<String> names = input.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw new InvalidParameter("The field '" + name + "' is not supported by the HTTP Task");
            }
        }
        URI endpoint = endpoint(required(input, "ApiEndpoint"));
        String method = required(input, "Method").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new InvalidParameter("The value of 'Method' must be one of GET, POST, PUT, DELETE, PATCH, OPTIONS, "
                    + "HEAD, not '" + method + "'");
        }
        return new HttpTaskParameters(endpoint, method, connectionArn(input), headers(input.get("Headers")),
                query(input.get("QueryParameters")), nullToAbsent(input.get("RequestBody")),
                urlEncoded(input.path("Transform")), arrayFormat(input.path("Transform")));
    }

    private static String required(JsonNode input, String name) {
        JsonNode value = input.get(name);
        if (value == null || value.isNull()) {
            throw new InvalidParameter("The field '" + name + "' is required but was missing");
        }
        if (!value.isTextual()) {
            throw new InvalidParameter("The value of '" + name + "' must be a string");
        }
        return value.textValue();
    }

    private static URI endpoint(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme())
                    || "http".equalsIgnoreCase(uri.getScheme()))) {
                throw new InvalidParameter("The value of 'ApiEndpoint' must be an absolute HTTPS URL: " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidParameter("The value of 'ApiEndpoint' is not a valid URL: " + e.getMessage());
        }
    }

    /** {@code Authentication.ConnectionArn}, or {@code InvocationConfig.ConnectionArn} for a private API. */
    private static String connectionArn(JsonNode input) {
        for (String holder : new String[] {"Authentication", "InvocationConfig"}) {
            JsonNode arn = input.path(holder).path("ConnectionArn");
            if (arn.isTextual()) {
                return arn.textValue();
            }
        }
        throw new InvalidParameter("The field 'Authentication.ConnectionArn' is required but was missing");
    }

    private static Map<String, String> headers(JsonNode headers) {
        Map<String, String> result = new LinkedHashMap<>();
        if (headers == null || headers.isNull()) {
            return result;
        }
        if (!headers.isObject()) {
            throw new InvalidParameter("The value of 'Headers' must be an object");
        }
        headers.fields().forEachRemaining(header -> {
            String name = header.getKey();
            if (forbidden(name)) {
                throw new InvalidParameter("The header '" + name + "' is not allowed in an HTTP Task");
            }
            result.put(name, String.join(",", scalars(header.getValue(), "Headers." + name)));
        });
        return result;
    }

    static boolean forbidden(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        return FORBIDDEN_HEADERS.contains(name) || name.startsWith("x-forwarded") || name.startsWith("x-amz");
    }

    private static Map<String, List<String>> query(JsonNode query) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (query == null || query.isNull()) {
            return result;
        }
        if (!query.isObject()) {
            throw new InvalidParameter("The value of 'QueryParameters' must be an object");
        }
        query.fields().forEachRemaining(parameter -> result.put(parameter.getKey(),
                scalars(parameter.getValue(), "QueryParameters." + parameter.getKey())));
        return result;
    }

    private static List<String> scalars(JsonNode value, String where) {
        List<String> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(element -> values.add(scalar(element, where)));
        } else {
            values.add(scalar(value, where));
        }
        return values;
    }

    private static String scalar(JsonNode value, String where) {
        if (value.isContainerNode()) {
            throw new InvalidParameter("The value of '" + where + "' must be a string, number or boolean");
        }
        return value.asText();
    }

    private static JsonNode nullToAbsent(JsonNode body) {
        return body == null || body.isNull() ? null : body;
    }

    private static boolean urlEncoded(JsonNode transform) {
        String encoding = transform.path("RequestBodyEncoding").asText("NONE");
        return switch (encoding) {
            case "NONE" -> false;
            case "URL_ENCODED" -> true;
            default -> throw new InvalidParameter("The value of 'Transform.RequestBodyEncoding' must be NONE or "
                    + "URL_ENCODED, not '" + encoding + "'");
        };
    }

    private static FormEncoder.ArrayFormat arrayFormat(JsonNode transform) {
        String format = transform.path("RequestEncodingOptions").path("ArrayFormat").asText("INDICES");
        try {
            return FormEncoder.ArrayFormat.valueOf(format);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("The value of 'Transform.RequestEncodingOptions.ArrayFormat' must be "
                    + "INDICES, REPEAT, COMMAS or BRACKETS, not '" + format + "'");
        }
    }
}
