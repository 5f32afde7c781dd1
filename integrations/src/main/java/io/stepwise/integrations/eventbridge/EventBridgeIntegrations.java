package io.stepwise.integrations.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.integrations.aws.AwsClients;
import io.stepwise.integrations.aws.AwsService;
import io.stepwise.integrations.aws.ErrorNames;
import io.stepwise.integrations.aws.RefusedResponse;
import io.stepwise.integrations.aws.SdkOperation;
import io.stepwise.integrations.aws.ServiceAction;
import io.stepwise.integrations.aws.ServiceParameters;
import io.stepwise.query.Json;

/**
 * The optimized Amazon EventBridge integration {@code arn:aws:states:::events:putEvents[.waitForTaskToken]}. As the
 * AWS docs describe it: the execution ARN and the state machine ARN are appended to each entry's
 * {@code Resources}, a JSON {@code Detail} is sent as its text, and a response with a non-zero
 * {@code FailedEntryCount} fails the task with {@code EventBridge.FailedEntry}. The output is the response
 * ({@code {"Entries": [{"EventId": …}], "FailedEntryCount": 0}}).
 */
public final class EventBridgeIntegrations {
    public static final String FAILED_ENTRY = "EventBridge.FailedEntry";
    static final ErrorNames ERRORS = new ErrorNames("EventBridge", "AmazonEventBridgeException", true);

    private EventBridgeIntegrations() {
    }

    public static ServiceAction putEvents(AwsClients clients) {
        SdkOperation operation = SdkOperation.find(AwsService.EVENTBRIDGE, "putEvents").orElseThrow();
        return new ServiceAction(clients, AwsService.EVENTBRIDGE, operation, ERRORS,
                EventBridgeIntegrations::prepare, EventBridgeIntegrations::check, false);
    }

    private static JsonNode prepare(TaskRequest request, JsonNode parameters) {
        JsonNode entries = parameters.get("Entries");
        if (!(parameters instanceof ObjectNode object) || entries == null || !entries.isArray()) {
            return parameters;
        }
        ObjectNode copy = object.deepCopy();
        ArrayNode prepared = copy.putArray("Entries");
        for (JsonNode entry : entries) {
            JsonNode textual = ServiceParameters.textOf(entry, "Detail");
            if (textual instanceof ObjectNode withDetail && request.executionArn() != null) {
                ObjectNode adjusted = withDetail.deepCopy();
                ArrayNode resources = adjusted.has("Resources") && adjusted.get("Resources").isArray()
                        ? (ArrayNode) adjusted.get("Resources") : adjusted.putArray("Resources");
                resources.add(request.executionArn());
                resources.add(stateMachineArn(request.executionArn()));
                textual = adjusted;
            }
            prepared.add(textual);
        }
        return copy;
    }

    /** {@code arn:aws:states:<region>:<account>:execution:<machine>:<name>} → {@code …:stateMachine:<machine>}. */
    static String stateMachineArn(String executionArn) {
        String[] parts = executionArn.split(":");
        if (parts.length < 7 || !"execution".equals(parts[5]) && !"express".equals(parts[5])) {
            return executionArn;
        }
        return String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], "stateMachine", parts[6]);
    }

    private static JsonNode check(JsonNode output) {
        if (output.path("FailedEntryCount").asInt(0) != 0) {
            throw new RefusedResponse(FAILED_ENTRY, Json.write(output));
        }
        return output;
    }
}
