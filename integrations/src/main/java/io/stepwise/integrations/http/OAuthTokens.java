package io.stepwise.integrations.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens of OAuth client-credentials connections, fetched from the authorization endpoint as EventBridge does
 * and kept until shortly before they expire, so that a workflow's calls share one token.
 */
final class OAuthTokens {
    /** A token is renewed this long before its {@code expires_in} runs out, so no request carries a dying token. */
    private static final Duration MARGIN = Duration.ofSeconds(30);
    /** How long a token without {@code expires_in} is kept. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private record Token(String value, Instant renewAt) {
    }

    private final HttpClient http;
    private final Clock clock;
    private final Map<ConnectionAuthorization.OAuthClientCredentials, Token> tokens = new ConcurrentHashMap<>();

    OAuthTokens(HttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** A valid access token for {@code oauth}; a refused or unreadable token request fails the task. */
    String token(ConnectionAuthorization.OAuthClientCredentials oauth) throws IOException, InterruptedException {
        Token token = tokens.get(oauth);
        if (token == null || !clock.instant().isBefore(token.renewAt())) {
            token = fetch(oauth);
            tokens.put(oauth, token);
        }
        return token.value();
    }

    private Token fetch(ConnectionAuthorization.OAuthClientCredentials oauth)
            throws IOException, InterruptedException {
        List<String> form = new ArrayList<>();
        form.add("grant_type=client_credentials");
        oauth.parameters().body().forEach((k, v) -> form.add(FormEncoder.escape(k) + "=" + FormEncoder.escape(v)));
        URI endpoint = HttpInvoke.withQuery(oauth.endpoint(), oauth.parameters().query().entrySet().stream()
                .map(e -> FormEncoder.escape(e.getKey()) + "=" + FormEncoder.escape(e.getValue())).toList());
        String basic = Base64.getEncoder().encodeToString(
                (oauth.clientId() + ":" + oauth.clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(HttpInvoke.TIMEOUT)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(oauth.method(), HttpRequest.BodyPublishers.ofString(String.join("&", form)));
        oauth.parameters().headers().forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = Json.parse(response.body());
        } catch (RuntimeException e) {
            body = Json.MAPPER.nullNode();
        }
        if (response.statusCode() / 100 != 2 || !body.path("access_token").isTextual()) {
            throw new HttpTaskFailure(HttpInvoke.CONNECTION_INVALID, "The OAuth authorization endpoint "
                    + oauth.endpoint() + " answered " + response.statusCode() + " without an access_token");
        }
        Duration lifetime = body.path("expires_in").canConvertToLong()
                ? Duration.ofSeconds(body.path("expires_in").asLong()) : DEFAULT_LIFETIME;
        return new Token(body.path("access_token").textValue(), clock.instant().plus(lifetime).minus(MARGIN));
    }
}
