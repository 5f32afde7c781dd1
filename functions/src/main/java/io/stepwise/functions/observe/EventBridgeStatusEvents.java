package io.stepwise.functions.observe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.port.Commit;
import io.stepwise.query.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * "Step Functions Execution Status Change" events on an EventBridge bus, one per status a Standard execution enters,
 * with AWS's {@code detail-type} and {@code detail} (executionArn, stateMachineArn, name, status, startDate,
 * stopDate, input, inputDetails, output, outputDetails, error, cause, redriveCount; dates in epoch ms) and
 * {@code resources} = [executionArn]. The source is {@value #SOURCE}, not AWS's {@code aws.states}: EventBridge
 * refuses {@code aws.*} sources from anyone but AWS, so rules written for Step Functions match on the detail type
 * and detail and name this source. As on AWS, the input is left out when input and output together exceed
 * {@value #LIMIT} bytes and the output when it alone does, saying so in {@code inputDetails}/{@code outputDetails}.
 */
public final class EventBridgeStatusEvents implements ExecutionObserver {
    public static final String SOURCE = "stepwise.states";
    public static final String DETAIL_TYPE = "Step Functions Execution Status Change";
    /** AWS: 248 KiB. */
    static final int LIMIT = 248 * 1024;

    private final EventBridgeClient events;
    private final String bus;

    public EventBridgeStatusEvents(EventBridgeClient events, String bus) {
        this.events = events;
        this.bus = bus;
    }

    @Override
    public void committed(Commit commit, boolean created) {
        List<PutEventsRequestEntry> entries = StatusChange.of(commit).stream().map(change ->
                PutEventsRequestEntry.builder().eventBusName(bus).source(SOURCE).detailType(DETAIL_TYPE)
                        .resources(change.executionArn()).time(change.at()).detail(Json.write(detail(change)))
                        .build()).toList();
        if (entries.isEmpty()) {
            return;
        }
        PutEventsResponse response = events.putEvents(b -> b.entries(entries));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            System.err.println("stepwise: " + response.failedEntryCount() + " status event(s) of "
                    + commit.executionArn() + " were not put: " + response.entries());
        }
    }

    /** The {@code detail} AWS publishes for {@code change}. */
    public static ObjectNode detail(StatusChange change) {
        ObjectNode detail = Json.MAPPER.createObjectNode();
        detail.put("executionArn", change.executionArn());
        detail.put("stateMachineArn", change.stateMachineArn());
        detail.put("name", change.state().start.name());
        detail.put("status", change.status());
        detail.put("startDate", change.startDate().toEpochMilli());
        if (change.ended()) {
            detail.put("stopDate", change.at().toEpochMilli());
        } else {
            detail.putNull("stopDate");
        }
        String input = change.state().start.inputText();
        String output = change.ended() && change.state().output != null ? Json.write(change.state().output) : null;
        int outputBytes = output == null ? 0 : Json.write(Json.MAPPER.getNodeFactory().textNode(output))
                .getBytes(StandardCharsets.UTF_8).length;
        int inputBytes = Json.write(Json.MAPPER.getNodeFactory().textNode(input)).getBytes(StandardCharsets.UTF_8)
                .length;
        boolean outputIncluded = outputBytes <= LIMIT;
        boolean inputIncluded = inputBytes + (outputIncluded ? outputBytes : 0) <= LIMIT;
        if (inputIncluded) {
            detail.put("input", input);
        } else {
            detail.putNull("input");
        }
        detail.putObject("inputDetails").put("included", inputIncluded);
        if (output != null && outputIncluded) {
            detail.put("output", output);
        } else {
            detail.putNull("output");
        }
        if (output != null) {
            detail.putObject("outputDetails").put("included", outputIncluded);
        } else {
            detail.putNull("outputDetails");
        }
        boolean failed = change.status().equals("FAILED") || change.status().equals("TIMED_OUT")
                || change.status().equals("ABORTED");
        putText(detail, "error", failed ? change.state().error : null);
        putText(detail, "cause", failed ? change.state().cause : null);
        detail.put("redriveCount", change.state().redriveCount);
        return detail;
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
