package io.stepwise.local.config;

import java.net.URI;

/** Where a configured Lambda function runs. */
public sealed interface FunctionSource {

    /** A {@code RequestHandler} or {@code RequestStreamHandler} class loaded in the server's JVM. */
    record Handler(String className) implements FunctionSource {
    }

    /** An HTTP endpoint that takes the event as a POST body and answers with the result. */
    record Endpoint(URI uri) implements FunctionSource {
    }
}
