package io.stepwise.local.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.api.ApiException;
import io.stepwise.api.StepFunctionsService;
import io.stepwise.api.UniqueIds;
import io.stepwise.query.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The Step Functions API on AWS's JSON 1.0 protocol: {@code POST /} with
 * {@code X-Amz-Target: AWSStepFunctions.<Operation>}. Errors are {@code {"__type": code, "message": ...}}. No
 * request, however malformed, may take the server down: every failure becomes an error response.
 *
 * <p>Declared non-blocking so that Jetty parses requests on its selector thread instead of a pool thread per
 * readable connection: a crowd of slow clients then costs no threads at all. Only a request whose body has fully
 * arrived is handed to {@code work}, where the service may block.
 */
final class ApiHandler extends Handler.Abstract.NonBlocking {
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final String TARGET_PREFIX = "AWSStepFunctions.";
    /** A definition may be 1 MiB and an input 256 KiB; anything far beyond is refused unread. */
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    /** The one operation that holds its thread for long: it waits up to a minute for an activity task. */
    private static final String LONG_POLL = "GetActivityTask";

    private final StepFunctionsService service;
    private final Executor work;
    private final HostPolicy hosts;
    private final SignatureVerifier signatures;
    /** Long polls may take only part of the thread pool, so that they can never starve every other request. */
    private final Semaphore longPolls;

    /** @param signatures checks every request's signature, or {@code null} when requests need not be signed */
    ApiHandler(StepFunctionsService service, Executor work, HostPolicy hosts, SignatureVerifier signatures,
            int maxLongPolls) {
        this.service = service;
        this.work = work;
        this.hosts = hosts;
        this.signatures = signatures;
        this.longPolls = new Semaphore(maxLongPolls);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (!hosts.allows(host)) {
            respond(response, callback, new ApiException("AccessDeniedException", "The Host header " + host
                    + " does not name this server's loopback address; start stepwise serve with --host to serve"
                    + " other names", 403));
            return true;
        }
        RequestBody.read(request, MAX_BODY_BYTES, body -> {
            try {
                work.execute(() -> answer(request, body, response, callback));
            } catch (RejectedExecutionException stopping) {
                callback.failed(stopping);
            }
        }, failure -> {
            if (failure instanceof ApiException e) {
                respond(response, callback, e);
            } else {
                callback.failed(failure);
            }
        });
        return true;
    }

    private void answer(Request request, byte[] body, Response response, Callback callback) {
        ObjectNode answer;
        int status = 200;
        try {
            answer = dispatch(request, body);
        } catch (ApiException e) {
            status = e.httpStatus();
            answer = error(e.code(), e.getMessage());
        } catch (RuntimeException | Error e) {
            status = 500;
            // The exception stays in the server: its class and message would tell a caller about our internals.
            answer = error("InternalFailure", "The request processing has failed because of an unknown error,"
                    + " exception or failure.");
        }
        write(response, callback, status, answer);
    }

    private ObjectNode dispatch(Request request, byte[] body) {
        if (signatures != null) {
            signatures.verify(new SignatureVerifier.ReceivedRequest(request.getMethod(),
                    request.getHttpURI().getPath(), request.getHttpURI().getQuery(), headers(request), body));
        }
        if (!"POST".equals(request.getMethod())) {
            throw new ApiException("UnknownOperationException", "Only POST / is served", 404);
        }
        String target = request.getHeaders().get("X-Amz-Target");
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            throw ApiException.of("UnknownOperationException", "Unknown target: " + target);
        }
        String operation = target.substring(TARGET_PREFIX.length());
        String region = CredentialScope.region(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (!LONG_POLL.equals(operation)) {
            return service.handle(operation, body, region);
        }
        if (!longPolls.tryAcquire()) {
            throw ApiException.of("ActivityWorkerLimitExceeded", "Too many workers are polling for activity tasks at"
                    + " once; retry later");
        }
        try {
            return service.handle(operation, body, region);
        } finally {
            longPolls.release();
        }
    }

    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }

    private static void respond(Response response, Callback callback, ApiException e) {
        write(response, callback, e.httpStatus(), error(e.code(), e.getMessage()));
    }

    static void write(Response response, Callback callback, int status, ObjectNode body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.getHeaders().put("x-amzn-RequestId", UniqueIds.random());
        response.write(true, ByteBuffer.wrap(Json.write(body).getBytes(StandardCharsets.UTF_8)), callback);
    }

    static ObjectNode error(String code, String message) {
        return Json.MAPPER.createObjectNode().put("__type", code).put("message", message);
    }
}
