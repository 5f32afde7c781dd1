package io.stepwise.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.IntegrationPattern;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.ParentLink;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a {@code startExecution.sync} Task receives when its child ends: DescribeExecution's response with the
 * integration's member names and epoch-millisecond dates. {@code .sync} keeps {@code Input} and {@code Output} as
 * JSON text, {@code .sync:2} parses them. A child that did not succeed fails the Task with {@code States.TaskFailed}
 * and the same response as its cause (the Step Functions guide, "Start a new AWS Step Functions state machine from a
 * running execution"; LocalStack's recorded parity tests show the same shapes).
 */
public final class SyncTaskResult {
    private static final String JSON_1_0 = "application/x-amz-json-1.0";
    /** AWS redrives only executions with fewer than 24,999 history events. */
    private static final long MAX_EVENTS_TO_REDRIVE = 24_999;

    private SyncTaskResult() {
    }

    /** The trigger that answers the Task {@code parent} names, from the child's record. */
    public static Trigger of(ParentLink parent, ExecutionRecord child) {
        boolean parsed = IntegrationPattern.ofSuffix(parent.resource()) == IntegrationPattern.RUN_JOB_V2;
        ObjectNode described = describe(child, parsed);
        if (child.status() == ExecutionStatus.SUCCEEDED) {
            return new Trigger.TaskSucceeded(parent.ref(), described);
        }
        return new Trigger.TaskFailed(parent.ref(), StatesErrors.TASK_FAILED, Json.write(described));
    }

/**
     * StartExecution's response as the integration shapes it: {@code ExecutionArn}, {@code StartDate} in epoch
     * milliseconds, the HTTP metadata of the call. Whoever learns first that the child started delivers it as
     * {@link Trigger.TaskSubmitted}: the worker that started it, or the child's end notice (which sends it ahead of
     * the result, as a child may end before its starter's answer is applied).
     */
    public static ObjectNode submission(String executionArn, Instant startDate) {
        String body = Json.write(Json.MAPPER.createObjectNode().put("executionArn", executionArn)
                .put("startDate", startDate.toEpochMilli() / 1000.0));
        String requestId = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amzn-RequestId", requestId);
        headers.put("Content-Type", JSON_1_0);
        headers.put("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        headers.put("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("ExecutionArn", executionArn);
        ObjectNode metadata = out.putObject("SdkHttpMetadata");
        ObjectNode all = metadata.putObject("AllHttpHeaders");
        ObjectNode single = metadata.putObject("HttpHeaders");
        headers.forEach((header, value) -> {
            all.set(header, Json.MAPPER.valueToTree(List.of(value)));
            single.put(header, value);
        });
        metadata.put("HttpStatusCode", 200);
        out.putObject("SdkResponseMetadata").put("RequestId", requestId);
        out.put("StartDate", startDate.toEpochMilli());
        return out;
    }

    static ObjectNode describe(ExecutionRecord child, boolean parsed) {
        ExecutionState state = child.state();
        ObjectNode out = Json.MAPPER.createObjectNode();
        if (state.cause != null) {
            out.put("Cause", state.cause);
        }
        if (state.error != null) {
            out.put("Error", state.error);
        }
        out.put("ExecutionArn", child.executionArn());
        putPayload(out, "Input", state.start.inputText(), parsed);
        out.putObject("InputDetails").put("Included", true);
        out.put("Name", child.name());
        if (child.status() == ExecutionStatus.SUCCEEDED && state.output != null) {
            putPayload(out, "Output", Json.write(state.output), parsed);
            out.putObject("OutputDetails").put("Included", true);
        }
        out.put("RedriveCount", state.redriveCount);
        String notRedrivable = notRedrivableReason(child);
        out.put("RedriveStatus", notRedrivable == null ? "REDRIVABLE" : "NOT_REDRIVABLE");
        if (notRedrivable != null) {
            out.put("RedriveStatusReason", notRedrivable);
        }
        putDate(out, "StartDate", child.startDate());
        out.put("StateMachineArn", child.stateMachineArn());
        out.put("Status", child.status().name());
        putDate(out, "StopDate", child.stopDate());
        return out;
    }

    private static void putPayload(ObjectNode out, String field, String text, boolean parsed) {
        if (!parsed) {
            out.put(field, text);
            return;
        }
        JsonNode value;
        try {
            value = Json.parse(text);
        } catch (RuntimeException e) {
            out.put(field, text);
            return;
        }
        out.set(field, value);
    }

    private static void putDate(ObjectNode out, String field, Instant date) {
        if (date != null) {
            out.put(field, date.toEpochMilli());
        }
    }

    private static String notRedrivableReason(ExecutionRecord execution) {
        ExecutionStatus status = execution.status();
        if (status == ExecutionStatus.SUCCEEDED || status == ExecutionStatus.RUNNING) {
            return "Execution is " + status + " and cannot be redriven";
        }
        if (execution.state().lastEventId() >= MAX_EVENTS_TO_REDRIVE) {
            return "Execution has " + execution.state().lastEventId() + " history events and cannot be redriven";
        }
        return null;
    }
}
