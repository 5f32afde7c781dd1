package io.stepwise.engine;

import static io.stepwise.engine.history.HistoryEventType.MAP_RUN_ABORTED;
import static io.stepwise.engine.history.HistoryEventType.MAP_RUN_FAILED;
import static io.stepwise.engine.history.HistoryEventType.MAP_RUN_REDRIVEN;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.MapState;
import io.stepwise.engine.state.BranchState;
import io.stepwise.engine.state.MapRunState;
import io.stepwise.engine.state.PendingRef;
import io.stepwise.engine.state.PendingRef.MapRunCommand;
import io.stepwise.engine.state.Phase;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * A Distributed Map's Map Run: its iterations are child executions, started in bounded batches by
 * {@link Command.StartChildren}, each reporting its end with {@link Trigger.ChildFinished}; when the last has
 * reported, {@link Command.CollectResults} reads their outputs in item order. The parent's history holds only the
 * {@code MapRun*} events, as on AWS.
 */
final class MapRunStep {
    /** Children per {@link Command.StartChildren}: one outbox item each, so a batch must stay well under 400 KB. */
    static final int BATCH = 50;
    /** Input bytes per batch, so that a batch of large items still fits one stored item. */
    static final long BATCH_BYTES = 256 * 1024;
    /**
     * A Distributed Map without MaxConcurrency (or with 0) runs up to 10,000 child executions at once, AWS's limit
     * on a Map Run's parallel children (DMAP; QUOTAS).
     */
    static final int MAX_CHILDREN_AT_ONCE = 10_000;
    static final String THRESHOLD_CAUSE = "The specified tolerated failure threshold was exceeded";

    private final Run run;
    private final StateRunner runner;
    private final ChildrenStep children;

    MapRunStep(Run run, StateRunner runner, ChildrenStep children) {
        this.run = run;
        this.runner = runner;
        this.children = children;
    }

    /** The run's ref, which its commands are named after, read back from its stored form. */
    private static PendingRef.MapRun runRef(MapRunState mapRun) {
        return (PendingRef.MapRun) PendingRef.parse(mapRun.ref).orElseThrow();
    }

    /** Starts the Map Run over {@code items}; {@code MapRunStarted} is already in the history. */
    void start(Frame frame, MapState map, MapRunState mapRun) {
        BranchState branch = frame.branch();
        mapRun.ref = new PendingRef.MapRun(branch.id, run.state.nextEventId).text();
        mapRun.definition = map.processorDefinition();
        mapRun.executionType = map.executionType();
        branch.mapRun = mapRun;
        branch.stoppedMapRun = null;
        branch.moveTo(Phase.CHILDREN);
        if (mapRun.total == 0) {
            children.complete(frame, map, mapRun.mapRunArn, Json.MAPPER.createArrayNode());
            return;
        }
        pump(frame);
    }

    /**
     * Starts children while the concurrency limit allows, reads the next page of items when the reader's is used up,
     * and collects the results once every item went to a child and every child reported.
     */
    void pump(Frame frame) {
        BranchState branch = frame.branch();
        MapRunState mapRun = branch.mapRun;
        if (branch.phase != Phase.CHILDREN || mapRun == null || mapRun.collectRef != null) {
            return;
        }
        if (mapRun.allConsumed() && mapRun.finished() == mapRun.launched && mapRun.redriveRef == null) {
            mapRun.startRef = null;
            mapRun.collectRef = MapRunCommand.collect(runRef(mapRun)).text();
            run.command(new Command.CollectResults(mapRun.collectRef, mapRun.mapRunArn, mapRun.launched,
                    mapRun.resultWriter));
            return;
        }
        int room = (mapRun.maxConcurrency == 0 ? MAX_CHILDREN_AT_ONCE : mapRun.maxConcurrency)
                - (mapRun.running() - mapRun.awaitingRedrive());
        if (mapRun.redriveFrom < mapRun.redriveEnd) {
            // A redrive hands the unsuccessful children to batches that fit the concurrency, as a first run launches
            // them; items never launched wait until it has gone through them all.
            if (mapRun.redriveRef == null && room > 0) {
                mapRun.redriveRef = MapRunCommand.redrive(runRef(mapRun), mapRun.redriveCount, ++mapRun.redriveBatches)
                        .text();
                run.command(new Command.RedriveChildren(mapRun.redriveRef, mapRun.mapRunArn, mapRun.redriveEnd,
                        mapRun.redriveCount, mapRun.definition, mapRun.executionType, mapRun.redriveFrom,
                        Math.min(BATCH, room)));
            }
            return;
        }
        if (mapRun.startRef != null || mapRun.readRef != null || mapRun.allConsumed() || room <= 0) {
            return;
        }
        MapState map = (MapState) frame.state();
        ItemWindow window = window(frame, map, mapRun);
        if (window.end() <= mapRun.itemsConsumed) {
            mapRun.readRef = MapRunCommand.read(runRef(mapRun), ++mapRun.reads).text();
            run.command(new Command.ReadItems(mapRun.readRef, mapRun.itemSource, mapRun.cursor, READ_PAGE));
            return;
        }
        run.checkBudget(frame);
        List<Command.ChildStart> batch = new ArrayList<>();
        long bytes = 0;
        while (batch.size() < Math.min(BATCH, room) && mapRun.itemsConsumed < window.end() && bytes < BATCH_BYTES) {
            int index = mapRun.launched++;
            JsonNode input = mapRun.batcher == null ? nextItem(frame, map, mapRun, window)
                    : nextBatch(frame, map, mapRun, window);
            bytes += PayloadSize.upperBound(input, BATCH_BYTES, run.sizeMemo);
            batch.add(new Command.ChildStart(index, MapRunArns.childArn(mapRun.mapRunArn, index),
                    MapRunArns.childName(mapRun.mapRunArn, index), input));
        }
        mapRun.startRef = MapRunCommand.start(runRef(mapRun), ++mapRun.starts).text();
        run.command(new Command.StartChildren(mapRun.startRef, mapRun.ref, mapRun.mapRunArn, mapRun.definition,
                mapRun.executionType, mapRun.total, mapRun.maxConcurrency, mapRun.toleratedFailureCount,
                mapRun.toleratedFailurePercentage, batch));
    }

    /**
     * Redrives the Map Run that stopped with the execution: {@code MapRunRedriven} in the parent's history, the
     * children that did not succeed redriven under their own ARNs, the items never handed to a child launched as
     * before (AWS REDRIVE-MAP-RUN).
     */
    void redrive(Frame frame) {
        BranchState branch = frame.branch();
        MapRunState mapRun = branch.stoppedMapRun;
        branch.stoppedMapRun = null;
        mapRun.reopenForRedrive();
        branch.mapRun = mapRun;
        branch.moveTo(Phase.CHILDREN);
        run.emit(frame, MAP_RUN_REDRIVEN, Payloads.details().put("mapRunArn", mapRun.mapRunArn)
                .put("redriveCount", mapRun.redriveCount));
        if (mapRun.succeeded < mapRun.launched) {
            mapRun.redriveFrom = 0;
            mapRun.redriveEnd = mapRun.launched;
        }
        pump(frame);
    }

    /** Items per page read from an ItemReader: the page is kept in the parent's state until it is used up. */
    static final int READ_PAGE = 100;

    /** The items at hand: {@code get(i)} for {@code itemsConsumed <= i < end}. */
    private record ItemWindow(java.util.function.IntFunction<JsonNode> get, JsonNode selectorInput, int end) {
    }

    private ItemWindow window(Frame frame, MapState map, MapRunState mapRun) {
        if (mapRun.itemSource != null) {
            int offset = mapRun.itemsOffset;
            JsonNode page = mapRun.items;
            int end = page == null ? mapRun.itemsConsumed : offset + page.size();
            return new ItemWindow(i -> page.get(i - offset), children.effectiveInput(frame, map), end);
        }
        if (mapRun.items != null) {
            return new ItemWindow(mapRun::item, mapRun.selectorInput, mapRun.total);
        }
        JsonNode[] fromInput = children.itemsFromInput(frame, map);
        return new ItemWindow(fromInput[0]::get, fromInput[1], mapRun.total);
    }

    private JsonNode nextItem(Frame frame, MapState map, MapRunState mapRun, ItemWindow window) {
        int item = mapRun.itemsConsumed++;
        return children.itemInput(frame, map, window.selectorInput(), window.get().apply(item), item);
    }

    /**
     * A child's input under an ItemBatcher: {@code {"BatchInput": ..., "Items": [...]}} with up to MaxItemsPerBatch
     * items (after ItemSelector) and, when MaxInputBytesPerBatch is set, no more bytes than that (a single item over
     * it still makes a batch of one). A batch does not reach past the reader's current page.
     */
    private JsonNode nextBatch(Frame frame, MapState map, MapRunState mapRun, ItemWindow window) {
        long maxItems = mapRun.batcher.path("maxItems").asLong(0);
        long maxBytes = mapRun.batcher.path("maxBytes").asLong(0);
        ObjectNode input = Json.MAPPER.createObjectNode();
        if (mapRun.batcher.hasNonNull("batchInput")) {
            input.set("BatchInput", mapRun.batcher.get("batchInput"));
        }
        ArrayNode items = input.putArray("Items");
        long bytes = 0;
        while (mapRun.itemsConsumed < window.end() && (maxItems == 0 || items.size() < maxItems)) {
            int index = mapRun.itemsConsumed;
            JsonNode item = children.itemInput(frame, map, window.selectorInput(), window.get().apply(index), index);
            long size = Json.write(item).length() + 1;
            if (maxBytes > 0 && !items.isEmpty() && bytes + size > maxBytes) {
                break;
            }
            items.add(item);
            bytes += size;
            mapRun.itemsConsumed++;
        }
        return input;
    }

    /** Applies a trigger addressed to the Map Run; returns whether it changed anything. */
    boolean deliver(Frame frame, Trigger trigger) {
        MapRunState mapRun = frame.branch().mapRun;
        if (trigger instanceof Trigger.TaskSucceeded read && read.ref().equals(mapRun.readRef)) {
            mapRun.readRef = null;
            JsonNode page = read.output() == null ? Json.MAPPER.createObjectNode() : read.output();
            mapRun.items = page.has("items") ? (ArrayNode) page.get("items") : Json.MAPPER.createArrayNode();
            mapRun.itemsOffset = mapRun.itemsConsumed;
            mapRun.cursor = page.path("nextCursor").asText(null);
            if (mapRun.cursor == null) {
                mapRun.total = mapRun.itemsOffset + mapRun.items.size();
            }
            pump(frame);
            return true;
        }
        if (trigger instanceof Trigger.TaskFailed failedRead && failedRead.ref().equals(mapRun.readRef)) {
            mapRun.readRef = null;
            failRun(frame, failedRead.error(), failedRead.cause());
            return true;
        }
        if (trigger instanceof Trigger.TaskSucceeded redriven && redriven.ref().equals(mapRun.redriveRef)) {
            mapRun.redriveRef = null;
            JsonNode next = redriven.output() == null ? null : redriven.output().get("next");
            mapRun.redriveFrom = next == null ? mapRun.redriveEnd : Math.min(next.asInt(), mapRun.redriveEnd);
            pump(frame);
            return true;
        }
        if (trigger instanceof Trigger.TaskFailed failedRedrive && failedRedrive.ref().equals(mapRun.redriveRef)) {
            mapRun.redriveRef = null;
            failRun(frame, failedRedrive.error(), failedRedrive.cause());
            return true;
        }
        if (trigger instanceof Trigger.TaskSucceeded started && started.ref().equals(mapRun.startRef)) {
            mapRun.startRef = null;
            pump(frame);
            return true;
        }
        if (trigger instanceof Trigger.TaskSucceeded collected && collected.ref().equals(mapRun.collectRef)) {
            JsonNode results = collected.output() == null ? Json.MAPPER.createArrayNode() : collected.output();
            children.complete(frame, (MapState) frame.state(), mapRun.mapRunArn, results);
            return true;
        }
        if (trigger instanceof Trigger.TaskFailed failed
                && (failed.ref().equals(mapRun.collectRef) || failed.ref().equals(mapRun.startRef))) {
            failRun(frame, failed.error(), failed.cause());
            return true;
        }
        if (trigger instanceof Trigger.ChildFinished finished && finished.ref().equals(mapRun.ref)) {
            if (finished.index() < 0 || finished.index() >= mapRun.launched || mapRun.hasReported(finished.index())) {
                return false;
            }
            mapRun.reported(finished.index());
            if (finished.status() != ExecutionStatus.SUCCEEDED) {
                mapRun.reportedUnsuccessful(finished.index());
            }
            switch (finished.status()) {
                case SUCCEEDED -> mapRun.succeeded++;
                case TIMED_OUT -> mapRun.timedOut++;
                case ABORTED -> mapRun.aborted++;
                default -> mapRun.failed++;
            }
            if (finished.status() != ExecutionStatus.SUCCEEDED && !withinTolerance(mapRun)) {
                failRun(frame, StatesErrors.EXCEED_TOLERATED_FAILURE_THRESHOLD, THRESHOLD_CAUSE);
                return true;
            }
            pump(frame);
            return true;
        }
        if (trigger instanceof Trigger.MapRunUpdated update && update.mapRunArn().equals(mapRun.mapRunArn)) {
            if (update.maxConcurrency() != null) {
                mapRun.maxConcurrency = update.maxConcurrency();
            }
            if (update.toleratedFailureCount() != null) {
                mapRun.toleratedFailureCount = update.toleratedFailureCount();
            }
            if (update.toleratedFailurePercentage() != null) {
                mapRun.toleratedFailurePercentage = update.toleratedFailurePercentage();
            }
            if (mapRun.failures() > 0 && !withinTolerance(mapRun)) {
                failRun(frame, StatesErrors.EXCEED_TOLERATED_FAILURE_THRESHOLD, THRESHOLD_CAUSE);
                return true;
            }
            pump(frame);
            return true;
        }
        return false;
    }

    /** AWS counts failed and timed-out children (and aborted ones) against ToleratedFailureCount/Percentage. */
    private static boolean withinTolerance(MapRunState mapRun) {
        int failures = mapRun.failures();
        if (mapRun.toleratedFailureCount >= 0 && failures <= mapRun.toleratedFailureCount) {
            return true;
        }
        // The share is of the children, known in full once every item went to one (before, the items' count
        // stands in for it when each item is a child).
        int children = mapRun.allConsumed() || mapRun.batcher != null || mapRun.total < 0 ? mapRun.launched
                : mapRun.total;
        return mapRun.toleratedFailurePercentage >= 0
                && failures * 100.0 / Math.max(1, children) <= mapRun.toleratedFailurePercentage;
    }

    private void failRun(Frame frame, String error, String cause) {
        stopChildren(frame, false);
        run.emit(frame, MAP_RUN_FAILED, Payloads.errorDetails(error, cause));
        runner.fail(frame, error, cause, true);
    }

    /**
     * Ends the Map Run unsuccessfully and stops the children that may still run. The stop outlives this step: the execution keeps its ref among its
     * notices until the runtime has carried it out, even if the execution ends meanwhile.
     *
     * @param aborted whether the whole execution stops, which AWS records as {@code MapRunAborted}
     */
    void stopChildren(Frame frame, boolean aborted) {
        MapRunState mapRun = frame.branch().mapRun;
        if (mapRun == null) {
            return;
        }
        String ref = MapRunCommand.stop(runRef(mapRun)).text();
        run.state.notices.add(ref);
        run.command(new Command.StopChildren(ref, mapRun.mapRunArn, aborted ? "ABORTED" : "FAILED",
                mapRun.unreported()));
        if (aborted) {
            run.emit(frame, MAP_RUN_ABORTED);
        }
        frame.branch().stoppedMapRun = mapRun;
        frame.branch().mapRun = null;
    }
}
