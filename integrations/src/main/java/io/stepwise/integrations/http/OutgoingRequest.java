package io.stepwise.integrations.http;

import io.stepwise.engine.port.HttpTrace;
import java.net.http.HttpRequest;

/**
 * An HTTP Task's request as sent, and as TestState's TRACE shows it: whole ({@code revealed}) or without what the
 * connection added ({@code withoutSecrets}).
 */
record OutgoingRequest(HttpRequest request, HttpTrace.Request revealed, HttpTrace.Request withoutSecrets) {
    HttpTrace.Request shown(boolean revealSecrets) {
        return revealSecrets ? revealed : withoutSecrets;
    }
}
