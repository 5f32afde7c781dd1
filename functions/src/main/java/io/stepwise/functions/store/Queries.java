package io.stepwise.functions.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The items of a query over as many pages as it takes: a page may hold fewer items than its limit (DynamoDB stops
 * a page at 1 MB), so one request is not enough to fill a page of results.
 */
final class Queries {
    /** No limit on a request beyond DynamoDB's own 1 MB a page. */
    static final int UNLIMITED = Integer.MAX_VALUE;

    private Queries() {
    }

    /** Every item of {@code request}. */
    static List<Map<String, AttributeValue>> all(DynamoDbClient dynamo, QueryRequest request) {
        return upTo(dynamo, request, null, Long.MAX_VALUE, UNLIMITED, item -> item);
    }

    /**
     * The first {@code want} items of {@code request} from {@code start} (an exclusive start key, {@code null} for
     * the first), or all there are if fewer, each read {@code as} a page arrives; each request asks for at most
     * {@code pageSize} items.
     */
    static <T> List<T> upTo(DynamoDbClient dynamo, QueryRequest request, Map<String, AttributeValue> start,
            long want, int pageSize, Function<Map<String, AttributeValue>, T> as) {
        List<T> items = new ArrayList<>();
        do {
            long limit = Math.min(pageSize, want - items.size());
            QueryRequest.Builder page = request.toBuilder().exclusiveStartKey(start);
            if (limit < UNLIMITED) {
                page.limit((int) limit);
            }
            QueryResponse response = dynamo.query(page.build());
            response.items().forEach(item -> items.add(as.apply(item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null && items.size() < want);
        return items;
    }
}
