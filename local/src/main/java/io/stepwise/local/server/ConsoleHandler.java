package io.stepwise.local.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the web console, static files packed in the jar under {@code console/}, on {@code GET /console/...}, and
 * redirects {@code GET /} there; every other request goes to the API. The console is only files: it reads and
 * changes everything through the public API from the browser, so the same files can be served for a deployed
 * Stepwise. Files carry no data, so they are served unsigned; the API they call still demands what it always does.
 */
final class ConsoleHandler extends Handler.Wrapper {
    static final String PATH = "/console/";
    private static final String RESOURCES = "console/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "txt", "text/plain; charset=utf-8",
            "json", "application/json");
    /**
     * Scripts and styles only from this server, no framing; the page may call only this server's API. Inline
     * styles are allowed because the graph sizes its SVG elements through them.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:;"
            + " style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final HostPolicy hosts;
    private final Map<String, Optional<byte[]>> files = new ConcurrentHashMap<>();

    ConsoleHandler(HostPolicy hosts, Handler api) {
        super(api);
        this.hosts = hosts;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        if (!read || path == null || !(path.equals("/") || path.startsWith(PATH) || path.equals("/console"))) {
            return super.handle(request, response, callback);
        }
        if (!hosts.allows(request.getHeaders().get(HttpHeader.HOST))) {
            plain(response, callback, HttpStatus.FORBIDDEN_403, "This Host name is not served");
            return true;
        }
        if (!path.startsWith(PATH)) {
            response.setStatus(HttpStatus.FOUND_302);
            response.getHeaders().put(HttpHeader.LOCATION, PATH);
            response.write(true, ByteBuffer.allocate(0), callback);
            return true;
        }
        String name = path.substring(PATH.length());
        if (name.isEmpty()) {
            name = "index.html";
        }
        Optional<byte[]> file = isSafe(name) ? files.computeIfAbsent(name, ConsoleHandler::load) : Optional.empty();
        if (file.isEmpty()) {
            plain(response, callback, HttpStatus.NOT_FOUND_404, "No such console file");
            return true;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TYPES.getOrDefault(extension(name),
                "application/octet-stream"));
        response.getHeaders().put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.write(true, "HEAD".equals(method) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(file.get()), callback);
        return true;
    }

    /** Plain names below the console folder only: no parent, hidden or empty segments, no backslashes. */
    static boolean isSafe(String name) {
        if (name.contains("\\") || name.contains("%") || name.startsWith("/")) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".")) {
                return false;
            }
        }
        return TYPES.containsKey(extension(name));
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    private static Optional<byte[]> load(String name) {
        try (InputStream in = ConsoleHandler.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void plain(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
