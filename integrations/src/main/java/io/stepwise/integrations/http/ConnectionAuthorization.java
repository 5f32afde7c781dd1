package io.stepwise.integrations.http;

import java.net.URI;

/** How an EventBridge connection authorizes the requests made through it. */
public sealed interface ConnectionAuthorization {

    /** The key sent as the header {@code name}. */
    record ApiKey(String name, String value) implements ConnectionAuthorization {
    }

    /** HTTP Basic authentication. */
    record Basic(String username, String password) implements ConnectionAuthorization {
    }

    /**
     * OAuth 2.0 client credentials: a token is requested from {@code endpoint} with the client's id and secret (HTTP
     * Basic) and {@code parameters}, then sent as a bearer token until it expires.
     */
    record OAuthClientCredentials(URI endpoint, String method, String clientId, String clientSecret,
                                  HttpConnection.HttpParameters parameters) implements ConnectionAuthorization {
    }
}
