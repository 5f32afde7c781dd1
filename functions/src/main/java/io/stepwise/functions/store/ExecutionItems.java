package io.stepwise.functions.store;

import static io.stepwise.functions.store.Attributes.date;
import static io.stepwise.functions.store.Attributes.n;
import static io.stepwise.functions.store.Attributes.s;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.ExecutionSummary;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.engine.state.StateFormat;
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

    private final String table;
    private final LargeText text;

    ExecutionItems(String table, LargeText text) {
        this.table = table;
        this.text = text;
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
    PutItemRequest create(Commit commit, String definition, LastEvents last) {
        ExecutionState state = commit.state();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("arn", s(commit.executionArn()));
        item.put("machineArn", s(state.start.stateMachineArn()));
        item.put("name", s(state.start.name()));
        item.put("startDate", date(state.start.startTime()));
        item.put("startKey", s(startKey(state.start.startTime(), commit.executionArn())));
        item.put("definition", text.encode(definition, "the definition of " + commit.executionArn()));
        item.put("version", n(1));
        item.put("status", s(state.status.name()));
        item.put("machineStatus", s(machineStatus(state.start.stateMachineArn(), state.status)));
        item.put("nextEventId", n(state.nextEventId));
        item.put("formatVersion", n(state.formatVersion));
        item.put(CHUNKS_FROM, n(1));
        item.put("state", text.encode(StateFormat.CURRENT.write(state), "the state of " + commit.executionArn()));
        if (state.status != ExecutionStatus.RUNNING) {
            item.put("stopDate", date(commit.at()));
        }
        if (last != null) {
            item.putAll(last.attributes());
        }
        return PutItemRequest.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(arn)")
                .build();
    }

    /**
     * The update of a commit: new state and version, and the commit's events ({@code last}, {@code null} when it has
     * none), only if the stored version is still the expected one.
     */
    UpdateItemRequest update(Commit commit, LastEvents last) {
        ExecutionState state = commit.state();
        Map<String, String> names = Map.of("#state", "state", "#status", "status");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":state", text.encode(StateFormat.CURRENT.write(state), "the state of " + commit.executionArn()));
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
        String expression = set + " REMOVE " + String.join(", ", removed);
        return UpdateItemRequest.builder().tableName(table).key(key(commit.executionArn()))
                .updateExpression(expression).conditionExpression("version = :expected")
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    /** The stored state of {@code item}, which holds at least its {@code arn} and {@code state}. */
    ExecutionState state(Map<String, AttributeValue> item) {
        return StateFormat.CURRENT.read(Attributes.string(item, "arn"), text.decode(item.get("state")));
    }

    ExecutionRecord record(Map<String, AttributeValue> item) {
        // StateFormat upgrades an older state and refuses a newer one, naming the execution and the versions.
        ExecutionState state = StateFormat.CURRENT.read(Attributes.string(item, "arn"),
                text.decode(item.get("state")));
        return new ExecutionRecord(state, text.decode(item.get("definition")),
                Attributes.number(item, "version"), Attributes.dateOrNull(item, "stopDate"),
                Attributes.dateOrNull(item, "redriveDate"));
    }

    static ExecutionSummary summary(String machineArn, Map<String, AttributeValue> item) {
        return new ExecutionSummary(Attributes.string(item, "arn"), machineArn, Attributes.string(item, "name"),
                ExecutionStatus.valueOf(Attributes.string(item, "status")),
                Attributes.dateOrNull(item, "startDate"), Attributes.dateOrNull(item, "stopDate"),
                Attributes.dateOrNull(item, "redriveDate"));
    }
}
