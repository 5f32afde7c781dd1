package io.stepwise.functions.store;

import static io.stepwise.functions.store.Attributes.s;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.ExecutionStore;
import io.stepwise.engine.port.ExecutionSummary;
import io.stepwise.engine.port.InvalidPageToken;
import io.stepwise.engine.port.OutboxEntry;
import io.stepwise.engine.port.Page;
import io.stepwise.engine.port.PageTokens;
import io.stepwise.engine.port.TaskTokenGrant;
import io.stepwise.engine.port.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Executions, history, task tokens, timers and the task outbox in DynamoDB (tables in {@link DynamoDbTables}). A
 * commit is one {@code TransactWriteItems}: the execution item updated under {@code version = :expected}, with the
 * step's history events as one chunk ({@link HistoryChunks}) and its tokens, timers and outbox changes. A
 * transaction holds at most {@value #MAX_TRANSACTION_ITEMS} items and 4 MB; a chunk too large for one item keeps
 * its surplus in parts, and parts that do not fit the last transaction go first in transactions guarded by a
 * version check, so the commit becomes visible, or not, at once. Its other writes must fit in that last
 * transaction: a commit with more tokens, timers and outbox changes than that is refused with an
 * {@link IllegalArgumentException}, which the runtime's step budget prevents.
 */
public final class DynamoDbExecutionStore implements ExecutionStore {
    static final int MAX_TRANSACTION_ITEMS = 100;
    /** DynamoDB allows 4 MB per transaction; the sizes here are estimates, so a margin is kept. */
    static final long MAX_TRANSACTION_BYTES = 3_500_000;

    private final DynamoDbClient dynamo;
    private final DynamoDbTables tables;
    private final ExecutionItems executions;
    private final CommitWrites writes;
    private final HistoryTable history;
    private final OutboxTable outbox;

    /** A store that keeps everything in DynamoDB and refuses a state too large for an item, even compressed. */
    public DynamoDbExecutionStore(DynamoDbClient dynamo, DynamoDbTables tables) {
        this(dynamo, tables, LargeText.inline());
    }

    /** @param text where states, definitions and history details too large for an item go */
    public DynamoDbExecutionStore(DynamoDbClient dynamo, DynamoDbTables tables, LargeText text) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.executions = new ExecutionItems(tables.executions(), text);
        this.writes = new CommitWrites(tables, text);
        this.history = new HistoryTable(dynamo, tables.history(), text);
        this.outbox = new OutboxTable(dynamo, tables.outbox(), text);
    }

    @Override
    public boolean create(Commit commit, String definition) {
        return landed(commit, transact(commit, executions.create(commit, definition),
                writes.effects(commit, fired -> false), true));
    }

    @Override
    public Optional<ExecutionRecord> load(String executionArn) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(tables.executions())
                .key(ExecutionItems.key(executionArn)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(executions.record(response.item())) : Optional.empty();
    }

    @Override
    public boolean commit(Commit commit) {
        return landed(commit, transact(commit, executions.update(commit), writes.effects(commit, this::stored),
                false));
    }

    /** After a commit landed, drops the timers it cancelled; what a failure leaves behind fires as a no-op. */
    private boolean landed(Commit commit, boolean committed) {
        if (committed) {
            for (DeleteItemRequest delete : writes.cancelledTimers(commit)) {
                try {
                    dynamo.deleteItem(delete);
                } catch (ConditionalCheckFailedException stillWanted) {
                    // A later commit stored a timer of the same ref.
                } catch (SdkException e) {
                    System.err.println("stepwise: could not drop the cancelled timer " + delete.key() + ": " + e);
                }
            }
        }
        return committed;
    }

    /** Whether {@code timer} is stored with its due time: read before the transaction, which re-checks it. */
    private boolean stored(Timer timer) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(tables.timers())
                .key(CommitWrites.timerKey(timer.executionArn(), timer.ref())).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                && Attributes.number(response.item(), "dueAt") == timer.dueAt().toEpochMilli();
    }

    private boolean transact(Commit commit, TransactWriteItem execution, List<TransactWriteItem> effects,
            boolean creating) {
        List<TransactWriteItem> chunk = history.chunks().items(commit);
        List<TransactWriteItem> last = new ArrayList<>(effects);
        last.add(execution);
        if (!chunk.isEmpty()) {
            last.add(chunk.get(0));
        }
        int room = MAX_TRANSACTION_ITEMS - last.size();
        long lastBytes = last.stream().mapToLong(ItemSize::of).sum();
        if (room < 0 || lastBytes > MAX_TRANSACTION_BYTES) {
            throw new IllegalArgumentException("a commit of " + commit.executionArn() + " changes " + effects.size()
                    + " tokens, timers and outbox tasks (" + lastBytes + " bytes with the execution and its history"
                    + " chunk); one DynamoDB transaction holds " + (MAX_TRANSACTION_ITEMS - 1) + " beside the"
                    + " execution, its history chunk among them, and Stepwise fills at most "
                    + MAX_TRANSACTION_BYTES + " bytes of its 4 MB");
        }
        // Parts of a large chunk fill the room left in the last transaction; the rest go first, each transaction
        // guarded by the execution's version, under a nonce only the chunk names (HistoryChunks).
        List<TransactWriteItem> parts = chunk.isEmpty() ? List.of() : chunk.subList(1, chunk.size());
        long[] sizes = parts.stream().mapToLong(ItemSize::of).toArray();
        int split = parts.size();
        while (split > 0 && parts.size() - split < room && lastBytes + sizes[split - 1] <= MAX_TRANSACTION_BYTES) {
            split--;
            lastBytes += sizes[split];
        }
        int from = 0;
        while (from < split) {
            int to = from;
            long bytes = 0;
            while (to < split && to - from < MAX_TRANSACTION_ITEMS - 1
                    && (to == from || bytes + sizes[to] <= MAX_TRANSACTION_BYTES)) {
                bytes += sizes[to];
                to++;
            }
            List<TransactWriteItem> early = new ArrayList<>(parts.subList(from, to));
            early.add(executions.guard(commit, creating));
            if (!write(early)) {
                return false;
            }
            from = to;
        }
        last.addAll(parts.subList(split, parts.size()));
        return write(last);
    }

    /** Returns {@code false} when a condition failed or a concurrent transaction on the same items won. */
    private boolean write(List<TransactWriteItem> items) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.hasCancellationReasons() && e.cancellationReasons().stream().map(CancellationReason::code)
                    .allMatch(code -> code == null || code.equals("None") || code.equals("ConditionalCheckFailed")
                            || code.equals("TransactionConflict"))) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<OutboxEntry> outbox() {
        return outbox.all();
    }

    @Override
    public List<OutboxEntry> claimOutbox(Instant now, Instant until, int limit) {
        return outbox.claim(now, until, limit);
    }

    @Override
    public void claim(String executionArn, String ref, Instant until) {
        outbox.hold(executionArn, ref, until);
    }

    /**
     * One listing index serves both listings: the status index, whose partition is a machine and a status. Without a
     * status filter the listing merges one query per status, newest first by {@code startKey}; the page token is the
     * last {@code startKey} returned, so each query resumes below it. A second index keyed by machine alone would
     * cost a write at every start and every end of every execution to save these few reads per listing page.
     */
    @Override
    public Page<ExecutionSummary> list(String stateMachineArn, ExecutionStatus status, int maxResults,
            String nextToken) {
        String scope = "executions\n" + stateMachineArn + "\n" + status;
        String after = PageTokens.decode(scope, nextToken);
        if (after != null && after.indexOf('|') < 0) {
            throw new InvalidPageToken();
        }
        List<ExecutionStatus> statuses = status == null ? List.of(ExecutionStatus.values()) : List.of(status);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (ExecutionStatus each : statuses) {
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":value", s(ExecutionItems.machineStatus(stateMachineArn, each)));
            String condition = "machineStatus = :value";
            if (after != null) {
                values.put(":after", s(after));
                condition += " AND startKey < :after";
            }
            items.addAll(Queries.upTo(dynamo, QueryRequest.builder().tableName(tables.executions())
                    .indexName(DynamoDbTables.BY_MACHINE_STATUS).keyConditionExpression(condition)
                    .expressionAttributeValues(values).scanIndexForward(false).build(),
                    null, maxResults + 1L, Queries.UNLIMITED, item -> item));
        }
        items.sort(Comparator.comparing((Map<String, AttributeValue> item) -> item.get("startKey").s()).reversed());
        List<ExecutionSummary> summaries = items.stream().limit(maxResults + 1L)
                .map(item -> ExecutionItems.summary(stateMachineArn, item)).toList();
        if (summaries.size() <= maxResults) {
            return new Page<>(summaries, null);
        }
        return new Page<>(summaries.subList(0, maxResults),
                PageTokens.encode(scope, items.get(maxResults - 1).get("startKey").s()));
    }

    @Override
    public Page<HistoryEvent> history(String executionArn, int maxResults, String nextToken, boolean reverse) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(tables.executions())
                .key(ExecutionItems.key(executionArn)).consistentRead(true)
                .projectionExpression("nextEventId, " + ExecutionItems.CHUNKS_FROM));
        Map<String, AttributeValue> item = response.hasItem() ? response.item() : Map.of();
        long nextEventId = item.isEmpty() ? 0 : Attributes.number(item, "nextEventId");
        long chunksFrom = item.containsKey(ExecutionItems.CHUNKS_FROM)
                ? Attributes.number(item, ExecutionItems.CHUNKS_FROM) : Long.MAX_VALUE;
        return history.page(executionArn, nextEventId, chunksFrom, maxResults, nextToken, reverse);
    }

    @Override
    public Optional<TaskTokenGrant> findTaskToken(String token) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put("hash", s(TokenHash.of(token)));
        GetItemResponse response = dynamo.getItem(b -> b.tableName(tables.tokens()).key(key).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TaskTokenGrant(token, response.item().get("arn").s(), response.item().get("ref").s()));
    }
}
