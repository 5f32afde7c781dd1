package io.stepwise.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.IntegrationPattern;
import io.stepwise.asl.ResourceArn;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.local.LocalAccount;
import io.stepwise.query.Json;
import io.stepwise.runtime.UnknownResource;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Serves Lambda tasks from local functions (handlers in this JVM, HTTP endpoints), by function name: the plain
 * function ARN ({@code arn:aws:lambda:<region>:<account>:function:NAME[:qualifier]}), whose output is the result,
 * and the {@code arn:aws:states:::lambda:invoke} integration, whose output is the Lambda Invoke response.
 */
public final class LocalLambdaRegistry implements IntegrationRegistry {
    private static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
    /** Lambda's upper limit, used when the Task sets no TimeoutSeconds: nothing enforces it locally. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
    private static final String FUNCTION_MARKER = ":function:";

    private final Map<String, LambdaFunction> functions;
    private final Clock clock;
    private final PrintStream log;

    /** @param log where in-process handlers' {@code LambdaLogger} output goes */
    public LocalLambdaRegistry(Map<String, ? extends LambdaFunction> functions, Clock clock, PrintStream log) {
        this.functions = Map.copyOf(functions);
        this.clock = clock;
        this.log = log;
    }

    @Override
    public Optional<Integration> find(String resource) {
        ResourceArn arn = ResourceArn.parse(resource).orElse(null);
        if (arn instanceof ResourceArn.ServiceIntegration service && service.is("lambda", "invoke")
                && service.pattern() == IntegrationPattern.REQUEST_RESPONSE) {
            return Optional.of(this::invokeApi);
        }
        if (!(arn instanceof ResourceArn.LambdaFunction functionArn)) {
            return Optional.empty();
        }
        String name = functionArn.name();
        LambdaFunction function = functions.get(name);
        if (function == null) {
            return Optional.empty();
        }
        return Optional.of(request -> {
            Invocation invocation = invoke(function, name, request.input(), request);
            return invocation.error == null ? new TaskOutcome.Succeeded(invocation.result) : invocation.failure();
        });
    }

    /** Whether a local function serves {@code nameOrArn} (a name, a name with qualifier, or a function ARN). */
    public boolean serves(String nameOrArn) {
        return functions.containsKey(functionName(nameOrArn));
    }

    private TaskOutcome invokeApi(TaskRequest request) {
        String functionName = request.input().path("FunctionName").asText("");
        String name = functionName(functionName);
        LambdaFunction function = functions.get(name);
        if (function == null) {
            return new TaskOutcome.Failed(UnknownResource.error(LAMBDA_INVOKE),
                    UnknownResource.cause(functionArn(name)));
        }
        JsonNode payload = request.input().has("Payload")
                ? request.input().get("Payload")
                : Json.MAPPER.createObjectNode();
        Invocation invocation = invoke(function, name, payload, request);
        if (invocation.error != null) {
            return invocation.failure();
        }
        ObjectNode response = Json.MAPPER.createObjectNode();
        response.put("ExecutedVersion", "$LATEST");
        response.set("Payload", invocation.result);
        response.putObject("SdkHttpMetadata").put("HttpStatusCode", 200);
        response.putObject("SdkResponseMetadata").put("RequestId", invocation.requestId);
        response.put("StatusCode", 200);
        return new TaskOutcome.Succeeded(response);
    }

    private Invocation invoke(LambdaFunction function, String name, JsonNode event, TaskRequest request) {
        String requestId = UUID.randomUUID().toString();
        Duration timeout = request.timeoutSeconds() == null
                ? DEFAULT_TIMEOUT
                : Duration.ofSeconds(request.timeoutSeconds());
        LocalContext context = new LocalContext(name, functionArn(name), requestId, timeout, clock, log);
        try {
            return new Invocation(requestId, function.invoke(event, context), null);
        } catch (Throwable e) {
            // Anything a function throws, Errors included, is its failure, as in the Lambda runtime.
            return new Invocation(requestId, null, e);
        }
    }

    /** NAME from a function name, a name with qualifier, or a full or partial function ARN. */
    private static String functionName(String nameOrArn) {
        int marker = nameOrArn.indexOf(FUNCTION_MARKER);
        String rest = marker >= 0 ? nameOrArn.substring(marker + FUNCTION_MARKER.length()) : nameOrArn;
        int qualifier = rest.indexOf(':');
        return qualifier >= 0 ? rest.substring(0, qualifier) : rest;
    }

    private static String functionArn(String name) {
        return LocalAccount.arn("lambda", "function:" + name);
    }

    private record Invocation(String requestId, JsonNode result, Throwable error) {
        TaskOutcome failure() {
            return new TaskOutcome.Failed(FunctionError.errorType(error), Json.write(FunctionError.document(error)));
        }
    }
}
