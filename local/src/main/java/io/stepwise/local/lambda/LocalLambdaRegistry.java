package io.stepwise.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /** Handlers of Tasks with a timeout run on threads of their own, so the timeout can stop waiting for one. */
    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stepwise-lambda");
        thread.setDaemon(true);
        return thread;
    });

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
            if (invocation.timedOut()) {
                return new TaskOutcome.Pending();
            }
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
                    UnknownResource.functionNotFound(functionArn(name), UUID.randomUUID().toString()));
        }
        // Lambda hands a function invoked without a payload the empty object; a JSON null Payload sends none.
        JsonNode payload = request.input().path("Payload");
        JsonNode event = payload.isMissingNode() || payload.isNull() ? Json.MAPPER.createObjectNode() : payload;
        boolean tail = "Tail".equals(request.input().path("LogType").asText());
        Invocation invocation = invoke(function, name, event, request, tail);
        if (invocation.timedOut()) {
            return new TaskOutcome.Pending();
        }
        if (invocation.error != null) {
            return invocation.failure();
        }
        return new TaskOutcome.Succeeded(InvokeResponse.of(invocation.result, invocation.requestId,
                tail ? invocation.log : null, clock.instant()));
    }

    private Invocation invoke(LambdaFunction function, String name, JsonNode event, TaskRequest request) {
        return invoke(function, name, event, request, false);
    }

    /**
     * Runs the function. With a Task {@code TimeoutSeconds} it runs on a thread of its own, waited for at most that
     * long: past it the invocation is {@linkplain Invocation#timedOut() timed out} (the handler is interrupted) and
     * the task's own timeout ends the state, as on AWS, where Step Functions stops waiting for a function that runs
     * on. Without one it runs on the caller's thread, as nothing would time it out.
     */
    private Invocation invoke(LambdaFunction function, String name, JsonNode event, TaskRequest request,
            boolean captureLog) {
        String requestId = UUID.randomUUID().toString();
        Duration timeout = request.timeoutSeconds() == null
                ? DEFAULT_TIMEOUT
                : Duration.ofSeconds(request.timeoutSeconds());
        InvocationLog invocationLog = captureLog ? new InvocationLog(log) : null;
        LocalContext context = new LocalContext(name, functionArn(name), requestId, timeout, clock,
                invocationLog == null ? log : invocationLog.stream());
        if (request.timeoutSeconds() == null) {
            try {
                return new Invocation(requestId, function.invoke(event, context), null, false,
                        logText(invocationLog, requestId));
            } catch (Throwable e) {
                // Anything a function throws, Errors included, is its failure, as in the Lambda runtime.
                return new Invocation(requestId, null, e, false, logText(invocationLog, requestId));
            }
        }
        Future<JsonNode> running = RUNNER.submit(() -> function.invoke(event, context));
        try {
            JsonNode result = running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Invocation(requestId, result, null, false, logText(invocationLog, requestId));
        } catch (TimeoutException e) {
            running.cancel(true);
            return new Invocation(requestId, null, null, true, null);
        } catch (ExecutionException e) {
            // Anything a function throws, Errors included, is its failure, as in the Lambda runtime.
            return new Invocation(requestId, null, e.getCause(), false, logText(invocationLog, requestId));
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            return new Invocation(requestId, null, e, false, null);
        }
    }

    private static String logText(InvocationLog invocationLog, String requestId) {
        return invocationLog == null ? null : invocationLog.tail(requestId);
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

    /** One invocation's end: a result, a function error, or no answer within the Task's timeout. */
    private record Invocation(String requestId, JsonNode result, Throwable error, boolean timedOut, String log) {
        TaskOutcome failure() {
            return new TaskOutcome.Failed(FunctionError.errorType(error), Json.write(FunctionError.document(error)));
        }
    }
}
