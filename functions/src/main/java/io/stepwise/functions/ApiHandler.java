package io.stepwise.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.api.ApiException;
import io.stepwise.api.StepFunctionsService;
import io.stepwise.query.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The Step Functions API behind API Gateway: a REST API proxy event (or an HTTP API's in payload format 1.0, the
 * same shape) carrying an AWS JSON 1.0 request
 * ({@code POST /}, {@code X-Amz-Target: AWSStepFunctions.<Operation>}) in, the same response the local server
 * would give out. API Gateway has already checked the caller's SigV4 signature ({@code AWS_IAM}); the caller it
 * established goes with every call to the audit log, and is recorded with every Standard execution it starts
 * ({@link ExecutionCallers}).
 */
public final class ApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    /**
     * The binary media types the stack's REST API declares: all, so API Gateway passes every request body as its
     * bytes, base64-encoded, and {@link #body} sees bytes that are not UTF-8 as they were sent.
     */
    public static final List<String> BINARY_MEDIA_TYPES = List.of("*/*");
    private static final String TARGET_PREFIX = "AWSStepFunctions.";
    /** Only Standard executions are stored; an Express one's caller is in the audit log. */
    private static final String STARTS = "StartExecution";

    private final StepFunctionsService service;
    private final Consumer<ApiCall> audit;
    private final ExecutionCallers callers;

    /**
     * The deployed function: adapters from the stack's environment, the audit log on standard output, callers in
     * DynamoDB.
     */
    public ApiHandler() {
        this(ApiComposition.service(new AwsAdapters().open(System.getenv()), Clock.systemUTC(),
                ApiComposition.arns(System.getenv())), AuditLog::print, ApiComposition.callers(System.getenv()));
    }

    public ApiHandler(StepFunctionsService service, Consumer<ApiCall> audit) {
        this(service, audit, ExecutionCallers.NONE);
    }

    public ApiHandler(StepFunctionsService service, Consumer<ApiCall> audit, ExecutionCallers callers) {
        this.service = service;
        this.audit = audit;
        this.callers = callers;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        String requestId = requestId(event, context);
        String operation = null;
        int status = 200;
        ObjectNode answer;
        String errorCode = null;
        try {
            operation = operation(event);
            answer = service.handle(operation, body(event));
        } catch (ApiException e) {
            status = e.httpStatus();
            errorCode = e.code();
            answer = error(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            // The service already turns its own failures into InternalFailure; this is the handler's last guard.
            status = 500;
            errorCode = "InternalFailure";
            answer = error(errorCode, "The request processing has failed because of an unknown error, exception"
                    + " or failure.");
        }
        CallerIdentity caller = CallerIdentity.of(event);
        String executionArn = errorCode == null ? text(answer.get("executionArn")) : null;
        if (STARTS.equals(operation) && executionArn != null && caller.known()) {
            callers.record(executionArn, caller);
        }
        audit.accept(new ApiCall(requestId, operation, caller, status, executionArn, errorCode));
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", CONTENT_TYPE, "x-amzn-RequestId", requestId))
                .withBody(Json.write(answer))
                .withIsBase64Encoded(false);
    }

    private static String operation(APIGatewayProxyRequestEvent event) {
        if (!"POST".equals(event.getHttpMethod())) {
            throw new ApiException("UnknownOperationException", "Only POST / is served", 404);
        }
        String target = header(event.getHeaders(), "X-Amz-Target");
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            throw ApiException.of("UnknownOperationException", "Unknown target: " + target);
        }
        return target.substring(TARGET_PREFIX.length());
    }

    /**
     * API Gateway base64-encodes the bodies it treats as binary (on the stack's REST API all of them; an HTTP API
     * those whose content type is not text); the service checks the UTF-8 of the bytes itself.
     */
    private static byte[] body(APIGatewayProxyRequestEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw ApiException.of("SerializationException", "The request body is not valid base64");
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** Header names are case-insensitive in HTTP, and API Gateway passes them as the client spelled them. */
    private static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    private static String requestId(APIGatewayProxyRequestEvent event, Context context) {
        if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return context != null ? context.getAwsRequestId() : UUID.randomUUID().toString();
    }

    private static String text(JsonNode node) {
        return node == null || !node.isTextual() ? null : node.asText();
    }

    private static ObjectNode error(String code, String message) {
        return Json.MAPPER.createObjectNode().put("__type", code).put("message", message);
    }
}
