package io.stepwise.local.server;

import io.stepwise.api.StepFunctionsService;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The HTTP server of {@code stepwise serve}. Jetty parses requests without a thread per connection, so a client
 * that sends slowly costs a socket, not a thread; threads are a bounded pool used only to answer complete
 * requests. On loopback only loopback Host names are answered; anywhere else requests must be signed.
 */
public final class StepwiseServer implements AutoCloseable {
    /** Enough for {@link #MAX_LONG_POLLS} activity workers waiting at once with as many other requests. */
    private static final int MAX_THREADS = 200;
    private static final int MIN_THREADS = 8;
    private static final int MAX_LONG_POLLS = 100;
    /** A request's head and body must have arrived this long after its first byte. */
    static final Duration REQUEST_READ_DEADLINE = Duration.ofSeconds(10);
    /** How long a connection may stay silent, between requests or part-way through one. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration THREAD_IDLE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofMillis(500);

    private final Server server;
    private final ServerConnector connector;

    /**
     * Binds {@code host:port} at once, so that a port in use fails here rather than at {@link #start()}.
     *
     * @param keys the access keys requests must be signed with; required unless {@code host} is loopback
     * @throws IllegalArgumentException when {@code host} is not loopback and there are no keys
     */
    public StepwiseServer(StepFunctionsService service, String host, int port, AccessKeys keys) throws IOException {
        requireKeysOffLoopback(host, keys);
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS,
                (int) THREAD_IDLE_TIMEOUT.toMillis());
        threads.setName("stepwise-http");
        threads.setDaemon(true);
        // Closing interrupts what still runs, long polls included, after a brief grace instead of Jetty's 5 s.
        threads.setStopTimeout(STOP_GRACE.toMillis());
        server = new Server(threads, new ScheduledExecutorScheduler("stepwise-http-timer", true), null);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // No per-connection header cache: every SDK request signs anew, so Authorization, X-Amz-Date and the
        // invocation id never repeat; the cache only filled up and was wiped every few requests (a quarter of the
        // request threads' CPU in a profile of the durable benchmark).
        http.setHeaderCacheSize(0);
        // One acceptor and one selector: requests are small and the machine may have only two cores.
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);
        server.addBean(new SlowRequestReaper(connector, server.getScheduler(), REQUEST_READ_DEADLINE));
        HostPolicy hosts = HostPolicy.forBinding(host);
        server.setHandler(new ConsoleHandler(hosts, new ApiHandler(service, threads, hosts,
                keys.isEmpty() ? null : new SignatureVerifier(keys, Clock.systemUTC()), MAX_LONG_POLLS)));
        server.setErrorHandler(new JsonErrors());
        connector.open();
    }

    /**
     * Refuses to serve unsigned requests beyond this machine.
     *
     * @throws IllegalArgumentException when {@code host} is not loopback and there are no keys
     */
    public static void requireKeysOffLoopback(String host, AccessKeys keys) {
        if (keys.isEmpty() && !HostPolicy.isLoopback(host)) {
            throw new IllegalArgumentException("--host " + host + " is not a loopback address, so every request must"
                    + " be signed: give access keys with --access-key ID:SECRET or " + AccessKeys.ENV + "=ID:SECRET");
        }
    }

    public void start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP server did not start: " + e.getMessage(), e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP server did not stop cleanly: " + e.getMessage(), e);
        }
    }

    /** Answers what Jetty rejects itself (a malformed request line, headers too large) in AWS's error shape. */
    private static final class JsonErrors extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                Throwable cause, Callback callback) {
            ApiHandler.write(response, callback, code, ApiHandler.error(code >= 500 ? "InternalFailure"
                    : "SerializationException", message == null ? "The request could not be read" : message));
        }
    }
}
