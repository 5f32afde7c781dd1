package io.stepwise.functions.store;

import static io.stepwise.functions.store.Attributes.n;
import static io.stepwise.functions.store.Attributes.s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.history.HistoryEventType;
import io.stepwise.engine.port.HistoryCursor;
import io.stepwise.engine.port.Page;
import io.stepwise.query.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * History under the execution's ARN, read by id range in either direction: chunks of a commit's events keyed by
 * their first id ({@link HistoryChunks}), and, for executions that began before chunks, one item per event below
 * the execution's {@code chunksFrom}. A page reads only ids below the execution's committed {@code nextEventId}.
 *
 * <p>Layout 1 wrote a commit too large for one transaction as several, its earliest events first, so a commit that
 * then lost its compare-and-set could leave events at ids the winning commit did not overwrite; from
 * {@code chunksFrom} on such items are not history, and are skipped. A chunk is only ever written with its
 * commit (layout 2) or from a committed execution item (layout 3), so every chunk below {@code nextEventId} is
 * history; the events of the last commit are read from the execution item.
 */
final class HistoryTable {
    /** Items a history query asks for at once: a chunk holds a commit's events, an old item one event. */
    private static final int QUERY_PAGE = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final HistoryChunks chunks;

    HistoryTable(DynamoDbClient dynamo, String table, LargeText text) {
        this.dynamo = dynamo;
        this.table = table;
        this.chunks = new HistoryChunks(table, text);
    }

    HistoryChunks chunks() {
        return chunks;
    }

    /**
     * @param nextEventId the id the execution's next event will get, or 0 when there is no such execution
     * @param chunksFrom the first event id stored in chunks ({@link Long#MAX_VALUE} when none is)
     * @param last the events of the execution's last commit that its item holds, or {@code null}: the history
     *     table is read below them (a racer may have written their chunk already) and they are added from the item
     */
    Page<HistoryEvent> page(String executionArn, long nextEventId, long chunksFrom, LastEvents last,
            int maxResults, String nextToken, boolean reverse) {
        HistoryCursor cursor = HistoryCursor.of(executionArn, reverse, nextToken);
        long afterId = cursor.afterId();
        long low = reverse ? 1 : afterId + 1;
        long high = reverse ? Math.min(afterId - 1, nextEventId - 1) : nextEventId - 1;
        if (low > high) {
            return new Page<>(List.of(), null);
        }
        long want = maxResults == Integer.MAX_VALUE ? Long.MAX_VALUE : maxResults + 1L;
        List<HistoryEvent> tail = new ArrayList<>();
        long tableHigh = high;
        if (last != null) {
            tableHigh = Math.min(high, last.from() - 1);
            for (HistoryEvent event : lastEvents(executionArn, last)) {
                if (event.id() >= low && event.id() <= high) {
                    tail.add(event);
                }
            }
            if (reverse) {
                java.util.Collections.reverse(tail);
            }
        }
        List<HistoryEvent> events = new ArrayList<>();
        if (reverse) {
            tail.stream().limit(want).forEach(events::add);
        }
        if (events.size() < want && low <= tableHigh) {
            collect(executionArn, low, tableHigh, chunksFrom, want, reverse, events);
        }
        if (!reverse) {
            tail.stream().limit(want - events.size()).forEach(events::add);
        }
        if (events.size() <= maxResults) {
            return new Page<>(events, null);
        }
        List<HistoryEvent> page = events.subList(0, maxResults);
        return new Page<>(page, cursor.next(page.get(maxResults - 1).id()));
    }

    /** The events an execution item holds of its last commit, from the item or from the parts it names. */
    List<HistoryEvent> lastEvents(String executionArn, LastEvents last) {
        if (last.events() != null) {
            return chunks.events(last.events());
        }
        return parts(executionArn + "#" + last.nonce());
    }

    /** Adds to {@code events} those of the history table with ids in [low, high], up to {@code want} in all. */
    private void collect(String executionArn, long low, long high, long chunksFrom, long want, boolean reverse,
            List<HistoryEvent> events) {
        // A chunk is keyed by its first event, so the one holding `high` is the first at or below it, newest
        // first; going forward, the one holding `low` may start before it and is looked up first.
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).consistentRead(true);
        if (reverse) {
            request.keyConditionExpression("arn = :arn AND id <= :high")
                    .expressionAttributeValues(Map.of(":arn", s(executionArn), ":high", n(high)))
                    .scanIndexForward(false);
        } else {
            long from = holding(executionArn, low, chunksFrom);
            request.keyConditionExpression("arn = :arn AND id BETWEEN :from AND :high")
                    .expressionAttributeValues(Map.of(":arn", s(executionArn), ":from", n(from), ":high", n(high)));
        }
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = dynamo.query(request.exclusiveStartKey(start)
                    .limit((int) Math.min(QUERY_PAGE, want - events.size())).build());
            for (Map<String, AttributeValue> item : response.items()) {
                if (!isHistory(item, chunksFrom)) {
                    continue;
                }
                List<HistoryEvent> read = read(item);
                for (int i = 0; i < read.size() && events.size() < want; i++) {
                    HistoryEvent event = read.get(reverse ? read.size() - 1 - i : i);
                    if (event.id() >= low && event.id() <= high) {
                        events.add(event);
                    }
                }
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null && events.size() < want);
    }

    /** The key of the item holding event {@code id}: the first history item at or below it. */
    private long holding(String executionArn, long id, long chunksFrom) {
        QueryRequest request = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("arn = :arn AND id <= :id")
                .expressionAttributeValues(Map.of(":arn", s(executionArn), ":id", n(id)))
                .scanIndexForward(false).limit(10).build();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = dynamo.query(request.toBuilder().exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> item : response.items()) {
                if (isHistory(item, chunksFrom)) {
                    return Attributes.number(item, "id");
                }
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return id;
    }

    private static boolean isHistory(Map<String, AttributeValue> item, long chunksFrom) {
        return HistoryChunks.isChunk(item) || Attributes.number(item, "id") < chunksFrom;
    }

    private List<HistoryEvent> read(Map<String, AttributeValue> item) {
        if (!HistoryChunks.isChunk(item)) {
            return List.of(layoutOneEvent(item));
        }
        List<HistoryEvent> events = new ArrayList<>(chunks.events(item));
        String parts = HistoryChunks.partsPartition(item);
        if (parts != null) {
            events.addAll(parts(parts));
        }
        return events;
    }

    private List<HistoryEvent> parts(String partition) {
        List<HistoryEvent> events = new ArrayList<>();
        for (Map<String, AttributeValue> part : Queries.all(dynamo, QueryRequest.builder().tableName(table)
                .consistentRead(true).keyConditionExpression("arn = :arn")
                .expressionAttributeValues(Map.of(":arn", s(partition))).build())) {
            events.addAll(chunks.events(part));
        }
        return events;
    }

    private HistoryEvent layoutOneEvent(Map<String, AttributeValue> item) {
        String details = chunks.text().decode(item.get("details"));
        return new HistoryEvent(Attributes.number(item, "id"), Attributes.number(item, "previousId"),
                Instant.ofEpochMilli(Attributes.number(item, "timestamp")),
                HistoryEventType.fromWireName(item.get("type").s()),
                details == null ? null : (ObjectNode) Json.parse(details));
    }
}
