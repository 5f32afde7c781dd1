package io.stepwise.functions.store;

import static io.stepwise.functions.store.Attributes.date;
import static io.stepwise.functions.store.Attributes.n;
import static io.stepwise.functions.store.Attributes.s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.ExecutionSummary;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.engine.state.StateFormat;
import io.stepwise.query.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** The execution item: how a commit writes it, conditional on its version, and how it reads back. */
final class ExecutionItems {
    /**
     * The first event id stored as a history chunk rather than an item of its own (history layout 2): set by the
     * first commit that writes chunks, absent on an execution no such commit has touched yet.
     */
    static final String CHUNKS_FROM = "chunksFrom";

    /**
     * Names the execution's {@link ExecutionStarts start} item (layout 4), whose start JSON the stored state leaves
     * out. An item without it (a small execution's, or one of an earlier layout) holds its start in its state and its
     * {@code definition} inline.
     */
    static final String START = "start";

    private final String table;
    private final LargeText text;
    private final ExecutionStarts starts;

    ExecutionItems(String table, LargeText text, ExecutionStarts starts) {
        this.table = table;
        this.text = text;
        this.starts = starts;
    }

    /** A state's JSON split into what changes at every commit and its start, which never does. */
    record SplitState(String body, String startJson) {
        static SplitState of(ExecutionState state) {
            ObjectNode tree = (ObjectNode) Json.parse(StateFormat.CURRENT.write(state));
            JsonNode start = tree.remove("start");
            return new SplitState(tree.toString(), start == null ? null : start.toString());
        }

        String joined() {
            ObjectNode tree = (ObjectNode) Json.parse(body);
            tree.set("start", Json.parse(startJson));
            return tree.toString();
        }
    }

    static Map<String, AttributeValue> key(String executionArn) {
        return Map.of("arn", s(executionArn));
    }

    /** {@code startDate|arn}, zero-padded so that string order is start order; the listing indexes' sort key. */
    static String startKey(Instant startDate, String executionArn) {
        return String.format("%013d|%s", startDate.toEpochMilli(), executionArn);
    }

    static String machineStatus(String machineArn, ExecutionStatus status) {
        return machineArn + "|" + status.name();
    }

    /** The put that creates the execution, only if it does not exist yet. */
    /**
     * @param startKey the start item the item names (layout 4, {@code body} without its start), or {@code null}
     * @param definition the definition, inline in the item when it names no start item; {@code null} otherwise
     */
    PutItemRequest create(Commit commit, String startKey, String definition, String body, LastEvents last,
            ItemOutbox.Change outbox) {
        return create(commit, startKey, definition, text.encode(body, "the state of " + commit.executionArn()), last,
                outbox);
    }

    /** {@link #create} with the {@code state} attribute encoded already. */
    PutItemRequest create(Commit commit, String startKey, String definition, AttributeValue stored, LastEvents last,
            ItemOutbox.Change outbox) {
        ExecutionState state = commit.state();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("arn", s(commit.executionArn()));
        // No machineArn: machineStatus holds it, and nothing reads it apart. No name either: an execution's ARN
        // ends with it (items before layout 5 have it, as some children of Map Runs named otherwise then).
        item.put("startDate", date(state.start.startTime()));
        item.put("startKey", s(startKey(state.start.startTime(), commit.executionArn())));
        if (startKey != null) {
            item.put(START, s(startKey));
        } else {
            item.put("definition", text.encode(definition, "the definition of " + commit.executionArn()));
        }
        item.put("version", n(1));
        item.put("status", s(state.status.name()));
        item.put("machineStatus", s(machineStatus(state.start.stateMachineArn(), state.status)));
        item.put("nextEventId", n(state.nextEventId));
        item.put("formatVersion", n(state.formatVersion));
        item.put(CHUNKS_FROM, n(1));
        item.put("state", stored);
        if (state.status != ExecutionStatus.RUNNING) {
            item.put("stopDate", date(commit.at()));
        }
        if (last != null) {
            item.putAll(last.attributes());
        }
        // Always there from layout 5 on: it marks an execution whose outbox is in its item.
        item.put(ItemOutbox.SWEEP_SHARD, s(ItemOutbox.shard(commit.executionArn())));
        if (!outbox.added().isEmpty()) {
            item.put(ItemOutbox.CLAIMS, AttributeValue.fromM(outbox.added()));
        }
        if (outbox.sweepAt() != null) {
            item.put(ItemOutbox.SWEEP_AT, n(outbox.sweepAt()));
        }
        return PutItemRequest.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(arn)")
                .build();
    }

    /**
     * The update of a commit: new state and version, and the commit's events ({@code last}, {@code null} when it has
     * none), only if the stored version is still the expected one.
     *
     * @param stored the {@code state} attribute: the state whole in an earlier layout, without its start from layout
     *     4 on, and the lines that share its stream
     * @param newStart the start item to name from now on, or {@code null} to leave the item's as it is
     */
    UpdateItemRequest update(Commit commit, LastEvents last, AttributeValue stored, String newStart,
            ItemOutbox.Change outbox) {
        ExecutionState state = commit.state();
        Map<String, String> names = new HashMap<>(Map.of("#state", "state", "#status", "status"));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":state", stored);
        values.put(":status", s(state.status.name()));
        values.put(":machineStatus", s(machineStatus(state.start.stateMachineArn(), state.status)));
        values.put(":next", n(commit.expectedVersion() + 1));
        values.put(":expected", n(commit.expectedVersion()));
        values.put(":nextEventId", n(state.nextEventId));
        values.put(":formatVersion", n(state.formatVersion));
        values.put(":chunksFrom", n(commit.events().isEmpty() ? state.nextEventId : commit.events().get(0).id()));
        String set = "SET #state = :state, #status = :status, machineStatus = :machineStatus, version = :next,"
                + " nextEventId = :nextEventId, formatVersion = :formatVersion,"
                + " chunksFrom = if_not_exists(chunksFrom, :chunksFrom)";
        if (newStart != null) {
            names.put("#start", START);
            values.put(":start", s(newStart));
            set += ", #start = :start";
        }
        // Stored, not searched in the history, so DescribeExecution reads one item.
        if (commit.redrivenAt() != null) {
            values.put(":redrive", date(commit.redrivenAt()));
            set += ", redriveDate = :redrive";
        }
        List<String> removed = new ArrayList<>();
        if (state.status == ExecutionStatus.RUNNING) {
            removed.add("stopDate");
        } else {
            values.put(":stop", date(commit.at()));
            set += ", stopDate = :stop";
        }
        Map<String, AttributeValue> lastAttributes = last == null ? Map.of() : last.attributes();
        for (String name : LastEvents.ATTRIBUTES) {
            AttributeValue value = lastAttributes.get(name);
            if (value != null) {
                values.put(":" + name, value);
                set += ", " + name + " = :" + name;
            } else {
                removed.add(name);
            }
        }
        set += outboxUpdate(outbox, names, values, removed);
        String expression = set + " REMOVE " + String.join(", ", removed);
        return UpdateItemRequest.builder().tableName(table).key(key(commit.executionArn()))
                .updateExpression(expression).conditionExpression("version = :expected")
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    /**
     * The SET clauses of an outbox change (each starting with a comma), adding to {@code removed} what it removes.
     * Each claim has its own path, so that a commit never writes back a claim that the sweep or a hand-over moved.
     */
    private static String outboxUpdate(ItemOutbox.Change outbox, Map<String, String> names,
            Map<String, AttributeValue> values, List<String> removed) {
        if (outbox.clear()) {
            removed.add(ItemOutbox.CLAIMS);
            removed.add(ItemOutbox.SWEEP_AT);
            return "";
        }
        String set = "";
        if (outbox.whole()) {
            values.put(":claims", AttributeValue.fromM(outbox.added()));
            set += ", " + ItemOutbox.CLAIMS + " = :claims";
        } else {
            int i = 0;
            for (Map.Entry<String, AttributeValue> claim : outbox.added().entrySet()) {
                names.put("#c" + i, claim.getKey());
                values.put(":c" + i, claim.getValue());
                set += ", " + ItemOutbox.CLAIMS + ".#c" + i + " = :c" + i;
                i++;
            }
            for (String ref : outbox.removed()) {
                names.put("#c" + i, ref);
                removed.add(ItemOutbox.CLAIMS + ".#c" + i);
                i++;
            }
        }
        if (outbox.sweepAt() != null) {
            values.put(":sweepAt", n(outbox.sweepAt()));
            set += ", " + ItemOutbox.SWEEP_AT + " = :sweepAt";
        }
        return set;
    }

    /**
     * The stored state of {@code item}, which holds at least its {@code arn} and {@code state}, without its start in
     * layout 4: enough to tell which tasks it waits for.
     */
    ExecutionState stateWithoutStart(Map<String, AttributeValue> item) {
        return stateWithoutStart(item, stream(item));
    }

    /** {@link #stateWithoutStart(Map)} of the item's {@code state} stream, read already. */
    static ExecutionState stateWithoutStart(Map<String, AttributeValue> item, Stream stream) {
        return StateFormat.CURRENT.read(Attributes.string(item, "arn"), stream.state());
    }

    /**
     * The lines of {@code item}'s {@code state} stream, decompressed once for whatever the caller reads of them (the
     * state, the last commit's events, the outbox).
     */
    Stream stream(Map<String, AttributeValue> item) {
        return Stream.of(text.decode(item.get("state")));
    }

    /**
     * The lines of the item's {@code state} stream: the state's JSON, then, each where there is one, the last commit's
     * events (a JSON array, {@link LastEvents#isInState}) and the outbox ({@link ItemOutbox}, a JSON object). Compact
     * JSON holds no newline.
     */
    record Stream(String state, String events, String outbox) {
        static Stream of(String stored) {
            String[] lines = stored.split("\n", -1);
            String events = null;
            String outbox = null;
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].startsWith("[")) {
                    events = lines[i];
                } else if (lines[i].startsWith("{")) {
                    outbox = lines[i];
                }
            }
            return new Stream(lines[0], events, outbox);
        }
    }

    /** The outbox in the stream's last line; empty when it has none. */
    static ItemOutbox outbox(Stream stream) {
        return ItemOutbox.of(stream.outbox());
    }

    /**
     * The {@code state} stream: the state's JSON, the events' JSON array ({@code null} when the item holds none in
     * its stream) and the outbox ({@code null} or empty: none), a line each.
     */
    static String stream(String stateText, String eventsJson, ItemOutbox outbox) {
        String stream = eventsJson == null ? stateText : stateText + "\n" + eventsJson;
        return outbox == null || outbox.isEmpty() ? stream : stream + "\n" + outbox.line();
    }

    /**
     * The events of the last commit {@code item} holds (read with its {@code state} when they may share its stream),
     * in the form a chunk takes; {@code null} when it holds none.
     */
    LastEvents lastEvents(Map<String, AttributeValue> item) {
        LastEvents last = LastEvents.of(item);
        return last == null || !last.isInState() ? last : lastEvents(item, stream(item));
    }

    /** {@link #lastEvents(Map)} with the item's {@code state} stream read already. */
    LastEvents lastEvents(Map<String, AttributeValue> item, Stream stream) {
        LastEvents last = LastEvents.of(item);
        if (last == null || !last.isInState()) {
            return last;
        }
        String events = stream.events();
        String arn = Attributes.string(item, "arn");
        return new LastEvents(last.from(), last.to(), text.encode(events, "history events " + last.from() + "-"
                + last.to() + " of " + arn), null, 0);
    }


    /** The start item {@code item} names, or {@code null} for an item of an earlier layout. */
    ExecutionStarts.Start start(Map<String, AttributeValue> item) {
        String key = Attributes.string(item, START);
        return key == null ? null : starts.load(key);
    }

    /** The record {@code item} holds, {@code stream} being its {@code state} stream, read already. */
    ExecutionRecord record(Map<String, AttributeValue> item, ExecutionStarts.Start start, Stream stream) {
        String stored = stream.state();
        String definition = start == null ? text.decode(item.get("definition")) : start.definition();
        // StateFormat upgrades an older state and refuses a newer one, naming the execution and the versions.
        ExecutionState state = StateFormat.CURRENT.read(Attributes.string(item, "arn"),
                start == null ? stored : new SplitState(stored, start.startJson()).joined());
        return new ExecutionRecord(state, definition,
                Attributes.number(item, "version"), Attributes.dateOrNull(item, "stopDate"),
                Attributes.dateOrNull(item, "redriveDate"));
    }

    static ExecutionSummary summary(String machineArn, Map<String, AttributeValue> item) {
        String arn = Attributes.string(item, "arn");
        String name = item.containsKey("name") ? Attributes.string(item, "name")
                : arn.substring(arn.lastIndexOf(':') + 1);
        return new ExecutionSummary(arn, machineArn, name,
                ExecutionStatus.valueOf(Attributes.string(item, "status")),
                Attributes.dateOrNull(item, "startDate"), Attributes.dateOrNull(item, "stopDate"),
                Attributes.dateOrNull(item, "redriveDate"));
    }
}
