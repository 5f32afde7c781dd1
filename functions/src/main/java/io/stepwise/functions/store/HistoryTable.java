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
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * History events, one item each under the execution's ARN, read by id range in either direction. A page reads only
 * ids below the execution's committed {@code nextEventId}: a commit split over several transactions writes its
 * earliest events first, and should its last transaction lose the compare-and-set, those events are not part of
 * the history (the winning commit overwrites the same ids).
 */
final class HistoryTable {
    private static final int QUERY_PAGE = 1_000;

    private final DynamoDbClient dynamo;
    private final String table;
    private final LargeText text;

    HistoryTable(DynamoDbClient dynamo, String table, LargeText text) {
        this.dynamo = dynamo;
        this.table = table;
        this.text = text;
    }

    /** @param nextEventId the id the execution's next event will get, or 0 when there is no such execution */
    Page<HistoryEvent> page(String executionArn, long nextEventId, int maxResults, String nextToken,
            boolean reverse) {
        HistoryCursor cursor = HistoryCursor.of(executionArn, reverse, nextToken);
        long afterId = cursor.afterId();
        long low = reverse ? 1 : afterId + 1;
        long high = reverse ? Math.min(afterId - 1, nextEventId - 1) : nextEventId - 1;
        if (low > high) {
            return new Page<>(List.of(), null);
        }
        long want = maxResults == Integer.MAX_VALUE ? Long.MAX_VALUE : maxResults + 1L;
        List<HistoryEvent> events = Queries.upTo(dynamo, QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("arn = :arn AND id BETWEEN :low AND :high")
                .expressionAttributeValues(Map.of(":arn", s(executionArn), ":low", n(low), ":high", n(high)))
                .scanIndexForward(!reverse).build(), null, want, QUERY_PAGE, this::event);
        if (events.size() <= maxResults) {
            return new Page<>(events, null);
        }
        List<HistoryEvent> page = events.subList(0, maxResults);
        return new Page<>(page, cursor.next(page.get(maxResults - 1).id()));
    }

    private HistoryEvent event(Map<String, AttributeValue> item) {
        String details = text.decode(item.get("details"));
        return new HistoryEvent(Attributes.number(item, "id"), Attributes.number(item, "previousId"),
                Instant.ofEpochMilli(Attributes.number(item, "timestamp")),
                HistoryEventType.fromWireName(item.get("type").s()),
                details == null ? null : (ObjectNode) Json.parse(details));
    }
}
