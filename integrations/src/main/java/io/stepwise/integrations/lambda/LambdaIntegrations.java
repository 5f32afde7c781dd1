package io.stepwise.integrations.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.integrations.aws.ErrorNames;
import io.stepwise.integrations.aws.RefusedResponse;
import io.stepwise.integrations.aws.SdkOperation;
import io.stepwise.integrations.aws.ServiceAction;
import io.stepwise.query.Json;

/**
 * AWS Lambda through the Invoke API of a real endpoint (AWS, or an emulator that runs functions): the optimized
 * {@code arn:aws:states:::lambda:invoke[.waitForTaskToken]}, whose output is Invoke's response with the Payload as
 * JSON and the HTTP metadata, and plain function ARNs, whose output is the function's result.
 *
 * <p>A function error (the {@code FunctionError} member is set) fails the task with the {@code errorType} of the
 * function's error payload, or {@code Lambda.Unknown} when it names none, the cause being the payload; service
 * errors are {@code Lambda.<Exception>} ({@code Lambda.ResourceNotFoundException}), undeclared ones
 * {@code Lambda.AWSLambdaException} (SDK for Java v1 naming).
 */
public final class LambdaIntegrations {
    static final ErrorNames ERRORS = new ErrorNames("Lambda", "AWSLambdaException", true);
    private static final String UNKNOWN = "Lambda.Unknown";

    private LambdaIntegrations() {
    }

    public static ServiceAction invoke(AwsClients clients) {
        return new ServiceAction(clients, AwsService.LAMBDA, operation(), ERRORS,
                LambdaIntegrations::payloadAsJson, LambdaIntegrations::invokeOutput, true);
    }

    /**
     * The optimized integration's Payload is the event as JSON, so a string is sent as a JSON string (as the
     * in-process handlers receive it), unlike {@code aws-sdk:lambda:invoke}, whose Payload is the raw blob.
     */
    private static JsonNode payloadAsJson(TaskRequest request, JsonNode parameters) {
        JsonNode payload = parameters.get("Payload");
        if (!(parameters instanceof ObjectNode object) || payload == null || payload.isNull()) {
            return parameters;
        }
        ObjectNode copy = object.deepCopy();
        copy.put("Payload", Json.write(payload));
        return copy;
    }

    /** A plain function ARN as {@code Resource}: the Task's input is the event, the function's result the output. */
    public static Integration function(AwsClients clients, String functionArn) {
        return new ServiceAction(clients, AwsService.LAMBDA, operation(), ERRORS,
                (request, input) -> {
                    ObjectNode parameters = Json.MAPPER.createObjectNode();
                    parameters.put("FunctionName", functionArn);
                    parameters.put("Payload", Json.write(input));
                    return parameters;
                },
                output -> invokeOutput(output).path("Payload"), false);
    }

    private static SdkOperation operation() {
        return SdkOperation.find(AwsService.LAMBDA, "invoke").orElseThrow();
    }

    private static JsonNode invokeOutput(JsonNode output) {
        ObjectNode response = (ObjectNode) output;
        JsonNode payload = payload(response.path("Payload").asText(""));
        if (response.hasNonNull("FunctionError")) {
            String errorType = payload.path("errorType").asText("");
            throw new RefusedResponse(errorType.isEmpty() ? UNKNOWN : errorType, Json.write(payload));
        }
        response.set("Payload", payload);
        // Invoke's LogResult only exists with LogType Tail; FunctionError was handled above.
        response.remove("FunctionError");
        return response;
    }

    /** Lambda payloads are JSON; an empty payload (a function returning nothing) is {@code null}. */
    private static JsonNode payload(String text) {
        if (text.isEmpty()) {
            return Json.MAPPER.nullNode();
        }
        try {
            return Json.parse(text);
        } catch (RuntimeException e) {
            return Json.MAPPER.getNodeFactory().textNode(text);
        }
    }
}
