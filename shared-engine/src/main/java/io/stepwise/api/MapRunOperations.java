package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.InvalidPageToken;
import io.stepwise.engine.port.MapRunCounts;
import io.stepwise.engine.port.MapRunRecord;
import io.stepwise.engine.port.Page;
import io.stepwise.runtime.MapRuns;
import java.util.Map;
import java.util.regex.Pattern;

/** DescribeMapRun, ListMapRuns, UpdateMapRun: the Map Runs of Distributed Map states. */
final class MapRunOperations {
    private static final Pattern MAP_RUN =
            Pattern.compile("arn:aws[\\w-]*:states:[\\w-]+:\\d{12}:mapRun:[^:]+/[^:]+:[^:]+");
    private final Backend backend;

    MapRunOperations(Backend backend) {
        this.backend = backend;
    }

    void register(Map<String, Operation> operations) {
        operations.put("DescribeMapRun", this::describe);
        operations.put("ListMapRuns", this::list);
        operations.put("UpdateMapRun", this::update);
    }

    /** The stored Map Run with this ARN, after checking the ARN's shape. */
    static MapRunRecord requireMapRun(Backend backend, String arn) {
        if (!MAP_RUN.matcher(arn).matches()) {
            throw ApiException.of("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
        }
        if (backend.mapRuns() == null) {
            throw notFound(arn);
        }
        return backend.mapRuns().find(arn).orElseThrow(() -> notFound(arn));
    }

    private static ApiException notFound(String arn) {
        return ApiException.of("ResourceNotFound", "Resource not found: '" + arn + "'");
    }

    private ObjectNode describe(ApiRequest request) {
        MapRunRecord run = requireMapRun(backend, request.required("mapRunArn"));
        ObjectNode response = WireJson.object()
                .put("mapRunArn", run.mapRunArn())
                .put("executionArn", run.executionArn())
                .put("status", run.status());
        WireJson.putDate(response, "startDate", run.startDate());
        WireJson.putDate(response, "stopDate", run.stopDate());
        response.put("maxConcurrency", run.maxConcurrency());
        response.put("toleratedFailurePercentage", (float) run.toleratedFailurePercentage());
        response.put("toleratedFailureCount", run.toleratedFailureCount());
        counts(response.putObject("itemCounts"), run.itemCounts(), run.resultsWritten());
        counts(response.putObject("executionCounts"), run.executionCounts(), run.resultsWritten());
        response.put("redriveCount", run.redriveCount());
        WireJson.putDate(response, "redriveDate", run.redriveDate());
        return response;
    }

    private static void counts(ObjectNode node, MapRunCounts counts, long resultsWritten) {
        node.put("pending", counts.pending())
                .put("running", counts.running())
                .put("succeeded", counts.succeeded())
                .put("failed", counts.failed())
                .put("timedOut", counts.timedOut())
                .put("aborted", counts.aborted())
                .put("total", counts.total())
                .put("resultsWritten", resultsWritten)
                .put("failuresNotRedrivable", counts.failuresNotRedrivable())
                .put("pendingRedrive", counts.pendingRedrive());
    }

    private ObjectNode list(ApiRequest request) {
        ExecutionRecord execution = backend.execution(request.required("executionArn"));
        int maxResults = request.pageSize("maxResults", 100, 1000);
        ObjectNode response = WireJson.object();
        ArrayNode items = response.putArray("mapRuns");
        if (backend.mapRuns() == null) {
            return response;
        }
        Page<MapRunRecord> page;
        try {
            page = backend.mapRuns().list(execution.executionArn(), maxResults, request.optional("nextToken"));
        } catch (InvalidPageToken e) {
            throw ApiException.of("InvalidToken", "Invalid Token: 'Invalid pagination token'");
        }
        for (MapRunRecord run : page.items()) {
            ObjectNode item = items.addObject()
                    .put("executionArn", run.executionArn())
                    .put("mapRunArn", run.mapRunArn())
                    .put("stateMachineArn", run.stateMachineArn());
            WireJson.putDate(item, "startDate", run.startDate());
            WireJson.putDate(item, "stopDate", run.stopDate());
        }
        WireJson.putIfPresent(response, "nextToken", page.nextToken());
        return response;
    }

    /**
     * New settings take effect on the running Map Run: the parent execution, which decides when children start and
     * when failures are too many, receives them as a trigger; the record reports them.
     */
    private ObjectNode update(ApiRequest request) {
        MapRunRecord run = requireMapRun(backend, request.required("mapRunArn"));
        Integer maxConcurrency = integer(request, "maxConcurrency", 0, 10_000);
        Long toleratedFailureCount = request.node("toleratedFailureCount") == null ? null
                : (long) integer(request, "toleratedFailureCount", 0, Integer.MAX_VALUE);
        Double toleratedFailurePercentage = percentage(request);
        if (maxConcurrency == null && toleratedFailureCount == null && toleratedFailurePercentage == null) {
            throw ApiException.of("ValidationException", "At least one of maxConcurrency, toleratedFailurePercentage"
                    + " or toleratedFailureCount must be specified");
        }
        backend.runner().deliver(run.executionArn(), new Trigger.MapRunUpdated(run.mapRunArn(), maxConcurrency,
                toleratedFailurePercentage, toleratedFailureCount));
        new MapRuns(backend.mapRuns()).updated(run.mapRunArn(), maxConcurrency, toleratedFailurePercentage,
                toleratedFailureCount);
        return WireJson.object();
    }

    private static Integer integer(ApiRequest request, String member, int min, int max) {
        JsonNode node = request.node(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw ApiException.of("SerializationException", "Member '" + member + "' must be an integer");
        }
        if (!node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw ApiException.of("ValidationException", "1 validation error detected: Value '" + node.asText()
                    + "' at '" + member + "' failed to satisfy constraint: Member must have value "
                    + (max == Integer.MAX_VALUE ? "greater than or equal to " + min
                            : "between " + min + " and " + max));
        }
        return node.intValue();
    }

    private static Double percentage(ApiRequest request) {
        JsonNode node = request.node("toleratedFailurePercentage");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw ApiException.of("SerializationException", "Member 'toleratedFailurePercentage' must be a number");
        }
        double value = node.doubleValue();
        if (value < 0 || value > 100) {
            throw ApiException.of("ValidationException", "1 validation error detected: Value '" + node.asText()
                    + "' at 'toleratedFailurePercentage' failed to satisfy constraint: Member must have value"
                    + " between 0 and 100");
        }
        return value;
    }
}
