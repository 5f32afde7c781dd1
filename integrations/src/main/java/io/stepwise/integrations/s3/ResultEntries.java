package io.stepwise.integrations.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.MapRunArns;
import io.stepwise.engine.port.ChildResult;
import io.stepwise.query.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * What a child execution contributes to the exported results. With {@code NONE}, its DescribeExecution in
 * PascalCase, fields in alphabetical order as AWS writes them (input and output as JSON text); with
 * {@code COMPACT}, its output as a JSON value; with {@code FLATTEN}, the elements of an array output one by one.
 * A child that did not succeed is always written in full, as AWS does for every transformation.
 */
final class ResultEntries {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ResultEntries() {
    }

    static void of(ChildResult child, String transformation, Consumer<JsonNode> sink) {
        if (transformation.equals("NONE") || !child.status().equals("SUCCEEDED")) {
            sink.accept(full(child));
            return;
        }
        JsonNode output = child.output() == null ? Json.MAPPER.nullNode() : Json.parse(child.output());
        if (transformation.equals("FLATTEN") && output.isArray()) {
            output.forEach(sink);
        } else {
            sink.accept(output);
        }
    }

    static ObjectNode full(ChildResult child) {
        ObjectNode entry = Json.MAPPER.createObjectNode();
        if (child.cause() != null) {
            entry.put("Cause", child.cause());
        }
        if (child.error() != null) {
            entry.put("Error", child.error());
        }
        entry.put("ExecutionArn", child.executionArn());
        if (child.input() != null) {
            entry.put("Input", child.input());
            entry.putObject("InputDetails").put("Included", true);
        }
        entry.put("Name", child.name());
        if (child.output() != null) {
            entry.put("Output", child.output());
            entry.putObject("OutputDetails").put("Included", true);
        }
        entry.put("RedriveCount", child.redriveCount());
        redrive(child.status(), entry);
        if (child.startDate() != null) {
            entry.put("StartDate", date(child.startDate()));
        }
        entry.put("StateMachineArn", MapRunArns.shownMachineArn(child.stateMachineArn()));
        entry.put("Status", child.status());
        if (child.stopDate() != null) {
            entry.put("StopDate", date(child.stopDate()));
        }
        return entry;
    }

    /** A failed child of a Map Run is redriven with its parent: AWS says {@code REDRIVABLE_BY_MAP_RUN}. */
    private static void redrive(String status, ObjectNode entry) {
        switch (status) {
            case "FAILED", "TIMED_OUT", "ABORTED" -> entry.put("RedriveStatus", "REDRIVABLE_BY_MAP_RUN");
            default -> entry.put("RedriveStatus", "NOT_REDRIVABLE")
                    .put("RedriveStatusReason", "Execution is " + status + " and cannot be redriven");
        }
    }

    private static String date(Instant instant) {
        return DATE.format(instant);
    }
}
