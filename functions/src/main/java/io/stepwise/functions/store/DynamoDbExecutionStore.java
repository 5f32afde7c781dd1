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
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.engine.state.StateFormat;
import io.stepwise.runtime.PendingTasks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Executions, history, task tokens, timers and the task outbox in DynamoDB (tables in {@link DynamoDbTables}). A
 * commit is one conditional write of one item, the execution's ({@code version = :expected}, or
 * {@code attribute_not_exists} on create), carrying the step's history events ({@link LastEvents}); every other write
 * is a standard one, ordered around it so that a crash or a lost compare-and-set leaves nothing that changes the
 * outcome. Before it: the previous commit's events as a history chunk, copied from the stored item of the version the
 * commit was computed from (every racer writes the same bytes), the parts of a commit's events too large for the
 * item, and the tokens and timers the commit adds ({@link CommitWrites}), none of which replaces what a racer for
 * the same version wrote. After it: the deletes of fired and cancelled timers. A commit that loses the
 * compare-and-set deletes what it put (best effort). The task outbox is in the execution item ({@link ItemOutbox}),
 * so a task of a commit that did not land was never stored; executions created before that keep theirs in the
 * outbox table, which the sweep dispatches from only while the stored execution still waits for a task. A
 * transaction would bill every item twice.
 */
public final class DynamoDbExecutionStore implements ExecutionStore {
    /**
     * How long the items a commit attempt puts before its compare-and-set block a racer for the same version: past
     * this, the attempt is taken for dead (a commit takes milliseconds) and its items are replaced.
     */
    static final long ABANDONED_AFTER_MILLIS = 30_000;
    /** How many times a create waits for a racer's items to be committed or withdrawn before giving up. */
    private static final int CREATE_ATTEMPTS = 100;
    /**
     * How many bytes the start and definition must take in the execution item for them to go to a start item of
     * their own: that item costs a write at the create, and pays only when the bytes it saves at every commit cross
     * KB boundaries (writes are billed per started KB of the whole item), about {@code bytes / 1024} units a commit.
     */
    static final int START_ITEM_FROM_BYTES = Integer.getInteger("stepwise.startItemFrom", 512);
    /** Measurement only (BENCHMARKS.md): print the size DynamoDB bills each commit's execution item on. */
    private static final boolean REPORT_ITEM_SIZES = Boolean.getBoolean("stepwise.itemSizes");
    private static final String LAST_PROJECTION = "arn, version, #start, #state, " + ItemOutbox.SWEEP_SHARD + ", "
            + ItemOutbox.SWEEP_AT + ", " + String.join(", ", LastEvents.ATTRIBUTES);

    private final DynamoDbClient dynamo;
    private final DynamoDbTables tables;
    private final ExecutionItems executions;
    private final CommitWrites writes;
    private final HistoryTable history;
    private final OutboxTable outbox;
    private final ExecutionStarts starts;
    private final LargeText text;
    /**
     * What recently loaded or committed versions ({@code arn + "@" + version}) hold that the next commit needs: the
     * events it writes as a chunk, and the start item the execution item names. An item's attributes at one version
     * never change, so an entry never goes stale.
     */
    private final Map<String, Stored> stored = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
                    return size() > 256;
                }
            });

    /** A store that keeps everything in DynamoDB and refuses a state too large for an item, even compressed. */
    public DynamoDbExecutionStore(DynamoDbClient dynamo, DynamoDbTables tables) {
        this(dynamo, tables, LargeText.inline());
    }

    /** @param text where states, definitions and history details too large for an item go */
    public DynamoDbExecutionStore(DynamoDbClient dynamo, DynamoDbTables tables, LargeText text) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.text = text;
        this.starts = new ExecutionStarts(dynamo, tables.history(), text);
        this.executions = new ExecutionItems(tables.executions(), text, starts);
        this.writes = new CommitWrites(tables, text);
        this.history = new HistoryTable(dynamo, tables.history(), text);
        this.outbox = new OutboxTable(dynamo, tables.outbox(), text);
    }

    @Override
    public boolean create(Commit commit, String definition) {
        for (int attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
            Outcome outcome = write(commit, null, definition);
            if (outcome != Outcome.BLOCKED) {
                return outcome == Outcome.LANDED;
            }
            if (exists(commit.executionArn())) {
                return false;
            }
            // A racer creating the same execution holds some of its items: it lands or withdraws them in moments.
            pause();
        }
        throw new IllegalStateException("could not create " + commit.executionArn() + ": a concurrent create of it"
                + " neither landed nor withdrew its items");
    }

    @Override
    public Optional<ExecutionRecord> load(String executionArn) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(tables.executions())
                .key(ExecutionItems.key(executionArn)).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        ExecutionStarts.Start start = executions.start(response.item());
        ExecutionItems.Stream stream = executions.stream(response.item());
        ExecutionRecord record = executions.record(response.item(), start, stream);
        remember(executionArn, record.version(), stored(response.item(), stream, start == null ? null : start.key(),
                true));
        return Optional.of(record);
    }

    @Override
    public boolean commit(Commit commit) {
        Stored previous = previous(commit);
        if (previous == null) {
            return false;
        }
        return write(commit, previous, null) == Outcome.LANDED;
    }

    /**
     * What the execution item holds at a version that the next commit needs.
     *
     * @param last the version's commit events, {@code null} when none are in the item
     * @param startKey the start item it names, {@code null} for an item of an earlier layout (state holding its start)
     * @param outbox its unsettled tasks; {@code null} for an execution created before layout 5, whose tasks are
     *     items of the outbox table until it ends
     * @param sweepAt its {@value ItemOutbox#SWEEP_AT}, {@code null} when it has none
     * @param restBytes about how many bytes its attributes other than {@code state} take (-1: not known)
     * @param stateBytes how many bytes its {@code state} takes
     */
    private record Stored(LastEvents last, String startKey, ItemOutbox outbox, Long sweepAt, long restBytes,
            long stateBytes) {
    }

    /** What the next commit needs of {@code item}; {@code whole} says whether it has every attribute. */
    private Stored stored(Map<String, AttributeValue> item, ExecutionItems.Stream stream, String startKey,
            boolean whole) {
        boolean outboxInItem = item.containsKey(ItemOutbox.SWEEP_SHARD);
        long stateBytes = item.containsKey("state") ? ItemSize.of(item.get("state")) : 0;
        return new Stored(executions.lastEvents(item, stream), startKey,
                outboxInItem ? ExecutionItems.outbox(stream) : null,
                item.containsKey(ItemOutbox.SWEEP_AT) ? Attributes.number(item, ItemOutbox.SWEEP_AT) : null,
                whole ? ItemSize.of(item) - ItemSize.of(Map.of("state", item.get("state"))) : -1, stateBytes);
    }

    /** The events an item carries on from earlier commits with its own, and its {@code state} holding them. */
    private record Carried(LastEvents events, AttributeValue stored) {
    }

    /**
     * Bytes the estimate of an item with carried events may be off by: the attributes a commit changes besides
     * {@code state} and those {@link #restBytes} counts are estimated (numbers grow a digit, the status changes).
     */
    private static final int CARRY_MARGIN = 24;

    /**
     * The previous commits' events carried on in this commit's item, when that costs fewer write units than putting
     * them in a chunk now: writes are billed per started KB of the whole item (the larger of before and after), so
     * events that fit below the KB boundary the item reaches anyway are stored for nothing, and the chunk is written
     * once for several commits (or never, when the execution ends first). {@code null} when they go to a chunk: when either commit's events
     * are in parts, when the item's size is not known (its version was read by a projection), or when carrying
     * them would take the item into another KB.
     */
    private Carried carry(String arn, Stored previous, LastEvents last, String eventsJson, String stateText,
            ItemOutbox outbox, Long sweepAt, boolean ended, AttributeValue withoutCarry) {
        LastEvents earlier = previous.last();
        if (previous.restBytes() < 0 || earlier.events() == null || (last != null && eventsJson == null)) {
            return null;
        }
        String earlierJson = history.chunks().text().decode(earlier.events());
        String merged = eventsJson == null ? earlierJson
                : earlierJson.substring(0, earlierJson.length() - 1) + "," + eventsJson.substring(1);
        AttributeValue mergedEvents = text.encodeInItem(merged);
        if (mergedEvents == null || ItemSize.of(mergedEvents) > HistoryChunks.INLINE_BYTES) {
            return null;
        }
        AttributeValue withCarry = text.encodeInItem(ExecutionItems.stream(stateText, merged, outbox));
        if (withCarry == null) {
            return null;
        }
        long rest = restBytes(previous, outbox, sweepAt, ended);
        long before = previous.restBytes() + ItemSize.of(Map.of("state", AttributeValue.fromS("")))
                + previous.stateBytes();
        long flushedBytes = rest + ItemSize.of(Map.of("state", withoutCarry));
        long carriedBytes = rest + ItemSize.of(Map.of("state", withCarry)) + CARRY_MARGIN;
        // This write is billed on the larger of the item before and after it, and so is the next one: what this
        // item carries, the next commit pays for again, unless the execution ends here.
        long flushed = units(Math.max(before, flushedBytes)) + (ended ? 0 : units(flushedBytes))
                + units(ItemSize.of(history.chunks().chunk(arn, earlier).item()));
        long carried = units(Math.max(before, carriedBytes)) + (ended ? 0 : units(carriedBytes));
        if (carried >= flushed) {
            return null;
        }
        return new Carried(new LastEvents(earlier.from(), last == null ? earlier.to() : last.to(), mergedEvents, null,
                0), withCarry);
    }

    /**
     * About how many bytes an item's attributes other than {@code state} take after a commit from {@code previous}:
     * those that change are the claims, the sweep time and, once the execution ends, its stop date.
     */
    private static long restBytes(Stored previous, ItemOutbox outbox, Long sweepAt, boolean ended) {
        if (previous.restBytes() < 0) {
            return -1;
        }
        return previous.restBytes() + ItemOutbox.claimsBytes(outbox) - ItemOutbox.claimsBytes(previous.outbox())
                + sweepBytes(sweepAt) - sweepBytes(previous.sweepAt()) + (ended ? "stopDate".length() + 13 : 0);
    }

    private static long sweepBytes(Long sweepAt) {
        return sweepAt == null ? 0 : ItemOutbox.SWEEP_AT.length() + sweepAt.toString().length();
    }

    private static long units(long bytes) {
        return (bytes + 1023) / 1024;
    }

    /**
     * Puts the chunk of events an item held before its next compare-and-set moves them out of it (the chunk must
     * exist once it has). A chunk of the same first id and more events, from a later version, is left as it is.
     */
    private void putChunk(PutItemRequest chunk) {
        try {
            dynamo.putItem(chunk);
        } catch (ConditionalCheckFailedException longerStored) {
            // A later version carried these events on with more and flushed them: what is stored holds these.
        }
    }

    /** What became of a commit attempt. */
    private enum Outcome {
        LANDED,
        /** The compare-and-set failed: another commit moved the version (or, for a create, made the execution). */
        LOST,
        /** A racer for the same version holds items this commit would write; nothing was committed. */
        BLOCKED
    }

    /**
     * Writes {@code commit} in order: the chunk of the previous commit's events, this commit's parts and
     * side-effect items, the compare-and-set, then the deletes it leaves to afterwards.
     *
     * @param previous what the item holds at the commit's expected version ({@code null} for a create)
     * @param definition the definition, for a create; {@code null} for a commit
     */
    private Outcome write(Commit commit, Stored previous, String definition) {
        String arn = commit.executionArn();
        HistoryChunks.Stored events = history.chunks().store(arn, commit.events());
        LastEvents last = events == null ? null : events.last();
        String stateText;
        ExecutionStarts.Start start = null;
        String startKey = null;
        if (previous != null && previous.startKey() == null) {
            stateText = StateFormat.CURRENT.write(commit.state());
        } else if (previous == null) {
            ExecutionItems.SplitState split = ExecutionItems.SplitState.of(commit.state());
            String whole = StateFormat.CURRENT.write(commit.state());
            start = starts.prepare(split.startJson(), definition);
            // Measured without the create's events: ExecutionStarted repeats the input, which later commits' do not.
            long saved = ItemSize.of(executions.create(commit, null, definition, whole, null, ItemOutbox.Change.NONE)
                    .item()) - ItemSize.of(executions.create(commit, start.key(), null, split.body(), null,
                    ItemOutbox.Change.NONE).item());
            if (REPORT_ITEM_SIZES) {
                System.err.println("stepwise: a start item would take " + saved + " bytes out of " + arn);
            }
            if (saved < START_ITEM_FROM_BYTES) {
                start = null;
                stateText = whole;
            } else {
                stateText = split.body();
                startKey = start.key();
            }
        } else {
            ExecutionItems.SplitState split = ExecutionItems.SplitState.of(commit.state());
            stateText = split.body();
            ExecutionStarts.Start was = starts.load(previous.startKey());
            startKey = was.key();
            if (!was.startJson().equals(split.startJson())) {
                start = starts.prepare(split.startJson(), was.definition());
                startKey = start.key();
            }
        }
        // Layout 5 from the create on; an execution created before keeps the outbox table until it ends.
        boolean outboxInItem = previous == null || previous.outbox() != null;
        ItemOutbox outbox = null;
        ItemOutbox.Change outboxChange = ItemOutbox.Change.NONE;
        if (outboxInItem) {
            ItemOutbox was = previous == null ? ItemOutbox.EMPTY : previous.outbox();
            outbox = was.after(commit);
            outboxChange = was.change(outbox, commit, previous == null ? null : previous.sweepAt(),
                    System.currentTimeMillis());
        }
        Long sweepAt = outboxChange.clear() ? null
                : outboxChange.sweepAt() != null ? outboxChange.sweepAt() : previous == null ? null : previous.sweepAt();
        boolean ended = previous != null && commit.state().status != ExecutionStatus.RUNNING;
        // One gzip stream for the state, its events and its outbox, which repeat the same payloads.
        String eventsJson = last != null && last.events() != null ? history.chunks().text().decode(last.events())
                : null;
        AttributeValue stored = text.encode(ExecutionItems.stream(stateText, eventsJson, outbox),
                "the state of " + arn);
        LastEvents inItem = last;
        if (previous != null && previous.last() != null) {
            Carried carried = carry(arn, previous, last, eventsJson, stateText, outbox, sweepAt, ended, stored);
            if (carried != null) {
                inItem = carried.events();
                stored = carried.stored();
            } else {
                putChunk(history.chunks().chunk(arn, previous.last()));
            }
        }
        LastEvents written = inItem != null && inItem.events() != null ? inItem.inState() : inItem;
        // The start (and definition) item is written before the item that names it, like the chunk.
        if (start != null) {
            starts.store(arn, start);
        }
        if (events != null) {
            events.parts().forEach(dynamo::putItem);
        }
        String writer = Writer.next();
        long rest;
        List<CommitWrites.PreWrite> put = new ArrayList<>();
        for (CommitWrites.PreWrite write : writes.before(commit, writer, !outboxInItem)) {
            if (!preWrite(write, writer)) {
                withdraw(put, writer);
                return Outcome.BLOCKED;
            }
            put.add(write);
        }
        try {
            if (definition != null) {
                PutItemRequest create = executions.create(commit, startKey, startKey == null ? definition : null,
                        stored, written, outboxChange);
                dynamo.putItem(create);
                rest = ItemSize.of(create.item()) - ItemSize.of(Map.of("state", stored));
            } else {
                dynamo.updateItem(executions.update(commit, written, stored, start == null ? null : startKey,
                        outboxChange));
                rest = restBytes(previous, outbox, sweepAt, ended);
            }
        } catch (ConditionalCheckFailedException lost) {
            withdraw(put, writer);
            return Outcome.LOST;
        }
        remember(arn, commit.expectedVersion() + 1, new Stored(inItem, startKey, outbox, sweepAt, rest,
                ItemSize.of(stored)));
        if (REPORT_ITEM_SIZES) {
            System.err.println("stepwise: execution item of " + arn + " at version " + (commit.expectedVersion() + 1)
                    + ": " + ItemSize.of(dynamo.getItem(b -> b.tableName(tables.executions())
                            .key(ExecutionItems.key(arn)).consistentRead(true)).item()) + " bytes");
        }
        for (DeleteItemRequest delete : writes.after(commit, !outboxInItem)) {
            try {
                dynamo.deleteItem(delete);
            } catch (ConditionalCheckFailedException stillWanted) {
                // Stored again by this or a later commit, or already gone.
            } catch (SdkException e) {
                // Committed already: what is left is dropped by a timer's no-op fire or by the sweep.
                System.err.println("stepwise: could not delete " + delete.key() + " from " + delete.tableName()
                        + " after a commit: " + e);
            }
        }
        return Outcome.LANDED;
    }

    /**
     * Puts an item before the compare-and-set. Returns {@code false} when a racer for the same version holds it: the
     * winner of a version must have written every item it relies on itself, or a loser's clean-up could delete one.
     * An item a racer left more than {@value #ABANDONED_AFTER_MILLIS} ms ago is replaced, conditional on that
     * racer's name, since it died before its compare-and-set or its clean-up.
     */
    private boolean preWrite(CommitWrites.PreWrite write, String writer) {
        PutItemRequest put = write.put();
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                dynamo.putItem(put);
                return true;
            } catch (ConditionalCheckFailedException held) {
                Map<String, AttributeValue> existing = dynamo.getItem(b -> b.tableName(write.put().tableName())
                        .key(write.key()).consistentRead(true)).item();
                if (existing == null || existing.isEmpty()) {
                    continue;
                }
                String holder = Attributes.string(existing, CommitWrites.WRITER);
                if (writer.equals(holder)) {
                    return true;
                }
                if (holder == null || System.currentTimeMillis() - Writer.began(holder) < ABANDONED_AFTER_MILLIS) {
                    return false;
                }
                put = put.toBuilder().conditionExpression(CommitWrites.WRITER + " = :holder")
                        .expressionAttributeNames(null)
                        .expressionAttributeValues(Map.of(":holder", AttributeValue.fromS(holder))).build();
            }
        }
        return false;
    }

    /** Deletes what a commit that did not land put; what a failure leaves is harmless, as for a crash. */
    private void withdraw(List<CommitWrites.PreWrite> put, String writer) {
        for (CommitWrites.PreWrite write : put) {
            try {
                dynamo.deleteItem(CommitWrites.undo(write, writer));
            } catch (ConditionalCheckFailedException replaced) {
                // A later commit stored an item of the same key.
            } catch (SdkException e) {
                System.err.println("stepwise: could not withdraw " + write.key() + " from " + write.put().tableName()
                        + ": " + e);
            }
        }
    }

    /**
     * The events the execution item holds at the commit's expected version: from the last load of that version in
     * this process, or read; {@code null} when the stored version is no longer the expected one (or there is no
     * execution), so the commit cannot land.
     */
    private Stored previous(Commit commit) {
        String arn = commit.executionArn();
        Stored known = stored.get(arn + "@" + commit.expectedVersion());
        if (known != null) {
            return known;
        }
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.executions())
                .key(ExecutionItems.key(arn)).consistentRead(true).projectionExpression(LAST_PROJECTION)
                .expressionAttributeNames(Map.of("#start", ExecutionItems.START, "#state", "state"))).item();
        if (item == null || item.isEmpty() || Attributes.number(item, "version") != commit.expectedVersion()) {
            return null;
        }
        return stored(item, executions.stream(item), Attributes.string(item, ExecutionItems.START), false);
    }

    private void remember(String arn, long version, Stored what) {
        stored.put(arn + "@" + version, what);
    }

    private boolean exists(String arn) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.executions())
                .key(ExecutionItems.key(arn)).consistentRead(true).projectionExpression("arn")).item();
        return item != null && !item.isEmpty();
    }

    private static void pause() {
        try {
            Thread.sleep(20 + ThreadLocalRandom.current().nextInt(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating an execution", e);
        }
    }

    /**
     * Every unsettled task: those in execution items (layout 5), in commit order, then those still in the outbox
     * table (executions created before it).
     */
    @Override
    public List<OutboxEntry> outbox() {
        List<Map.Entry<Long, OutboxEntry>> sequenced = new ArrayList<>();
        for (Map<String, AttributeValue> key : sweepIndex(null, Long.MAX_VALUE)) {
            String arn = Attributes.string(key, "arn");
            Map<String, AttributeValue> item = sweepRead(arn);
            for (ItemOutbox.Entry entry : item == null ? List.<ItemOutbox.Entry>of()
                    : ExecutionItems.outbox(executions.stream(item)).entries()) {
                sequenced.add(Map.entry(entry.seq(), new OutboxEntry(arn, entry.task())));
            }
        }
        sequenced.sort(Map.Entry.comparingByKey());
        List<OutboxEntry> all = new ArrayList<>(sequenced.stream().map(Map.Entry::getValue).toList());
        all.addAll(outbox.all());
        return all;
    }

    /**
     * Claims what ran out in the executions the sweep index names as due, earliest first, then in the outbox table.
     * An item's claims are taken one by one, each conditional on the claim read, so of two sweeps only one takes a
     * task; a task the stored state no longer waits for is left alone (a commit settles it).
     */
    @Override
    public List<OutboxEntry> claimOutbox(Instant now, Instant until, int limit) {
        List<OutboxEntry> claimed = new ArrayList<>();
        for (Map<String, AttributeValue> key : sweepIndex(now, limit)) {
            if (claimed.size() >= limit) {
                return claimed;
            }
            claimInItem(Attributes.string(key, "arn"), now, until, limit, claimed);
        }
        Map<String, ExecutionState> states = new HashMap<>();
        claimed.addAll(outbox.claim(now, until, limit - claimed.size(), (executionArn, ref) -> {
            ExecutionState state = states.computeIfAbsent(executionArn, arn -> {
                Map<String, AttributeValue> item = sweepRead(arn);
                // The sweep only asks which tasks the state waits for, which its start does not tell.
                return item == null ? null : executions.stateWithoutStart(item);
            });
            return state != null && PendingTasks.isPending(state, ref);
        }));
        return claimed;
    }

    /**
     * The executions whose sweep time is {@code dueBy} or earlier (any, when {@code null}), earliest first: up to
     * {@code perShard} of each shard, so that a large backlog is taken a batch at a time.
     */
    private List<Map<String, AttributeValue>> sweepIndex(Instant dueBy, long perShard) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int shard = 0; shard < ItemOutbox.SHARDS; shard++) {
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":shard", s(Integer.toString(shard)));
            String condition = ItemOutbox.SWEEP_SHARD + " = :shard";
            if (dueBy != null) {
                values.put(":due", Attributes.n(dueBy.toEpochMilli()));
                condition += " AND " + ItemOutbox.SWEEP_AT + " <= :due";
            }
            keys.addAll(Queries.upTo(dynamo, QueryRequest.builder().tableName(tables.executions())
                    .indexName(DynamoDbTables.BY_SWEEP).keyConditionExpression(condition)
                    .expressionAttributeValues(values).build(), null, perShard, Queries.UNLIMITED, key -> key));
        }
        keys.sort(Comparator.comparingLong(key -> Attributes.number(key, ItemOutbox.SWEEP_AT)));
        return keys;
    }

    /** What the sweep reads of an execution item, or {@code null} when there is none. */
    private Map<String, AttributeValue> sweepRead(String arn) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.executions())
                .key(ExecutionItems.key(arn)).consistentRead(true)
                .projectionExpression("arn, version, #state, " + ItemOutbox.CLAIMS + ", " + ItemOutbox.SWEEP_AT)
                .expressionAttributeNames(Map.of("#state", "state"))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    /**
     * Claims the tasks of one execution item whose claims ran out, up to {@code limit} in all, then moves its sweep
     * time to its earliest claim left (removes it when no claim is left that the state waits for), unless a commit
     * came in between, which sets a sweep time no later than the claims it knows.
     */
    private void claimInItem(String arn, Instant now, Instant until, int limit, List<OutboxEntry> claimed) {
        Map<String, AttributeValue> item = sweepRead(arn);
        if (item == null || !item.containsKey(ItemOutbox.SWEEP_AT)) {
            return;
        }
        ExecutionItems.Stream stream = executions.stream(item);
        ExecutionState state = ExecutionItems.stateWithoutStart(item, stream);
        Map<String, AttributeValue> claims = item.containsKey(ItemOutbox.CLAIMS) ? item.get(ItemOutbox.CLAIMS).m()
                : Map.of();
        long next = Long.MAX_VALUE;
        boolean settledAll = true;
        for (ItemOutbox.Entry entry : ExecutionItems.outbox(stream).entries()) {
            String ref = entry.task().ref();
            AttributeValue claim = claims.get(ref);
            if (claim == null || !PendingTasks.isPending(state, ref)) {
                continue;
            }
            long claimedUntil = Long.parseLong(claim.n());
            if (claimedUntil > now.toEpochMilli()) {
                next = Math.min(next, claimedUntil);
            } else if (claimed.size() < limit && setClaim(arn, ref, claim, until)) {
                claimed.add(new OutboxEntry(arn, entry.task()));
                next = Math.min(next, until.toEpochMilli());
            } else {
                settledAll = false;
            }
        }
        if (settledAll) {
            moveSweepTime(arn, item, next);
        }
    }

    /** Takes the claim of one task of an item from {@code was} to {@code until}; {@code false} if it moved since. */
    private boolean setClaim(String arn, String ref, AttributeValue was, Instant until) {
        try {
            dynamo.updateItem(b -> b.tableName(tables.executions()).key(ExecutionItems.key(arn))
                    .updateExpression("SET " + ItemOutbox.CLAIMS + ".#ref = :until")
                    .conditionExpression(ItemOutbox.CLAIMS + ".#ref = :was")
                    .expressionAttributeNames(Map.of("#ref", ref))
                    .expressionAttributeValues(Map.of(":until", Attributes.n(until.toEpochMilli()), ":was", was)));
            return true;
        } catch (ConditionalCheckFailedException moved) {
            return false;
        }
    }

    private void moveSweepTime(String arn, Map<String, AttributeValue> item, long next) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":seen", item.get(ItemOutbox.SWEEP_AT));
        values.put(":version", item.get("version"));
        String update;
        if (next == Long.MAX_VALUE) {
            update = "REMOVE " + ItemOutbox.SWEEP_AT;
        } else if (Long.toString(next).equals(item.get(ItemOutbox.SWEEP_AT).n())) {
            return;
        } else {
            update = "SET " + ItemOutbox.SWEEP_AT + " = :next";
            values.put(":next", Attributes.n(next));
        }
        try {
            dynamo.updateItem(b -> b.tableName(tables.executions()).key(ExecutionItems.key(arn))
                    .updateExpression(update)
                    .conditionExpression(ItemOutbox.SWEEP_AT + " = :seen AND version = :version")
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException committed) {
            // A commit came in between and set a sweep time no later than the claims it knows.
        }
    }

    /**
     * Holds a task of an execution item (a callback task handed over) by its own claim path, which no commit writes
     * back; a task of an execution created before layout 5 is held in the outbox table.
     */
    @Override
    public void claim(String executionArn, String ref, Instant until) {
        try {
            dynamo.updateItem(b -> b.tableName(tables.executions()).key(ExecutionItems.key(executionArn))
                    .updateExpression("SET " + ItemOutbox.CLAIMS + ".#ref = :until")
                    .conditionExpression("attribute_exists(" + ItemOutbox.CLAIMS + ".#ref)")
                    .expressionAttributeNames(Map.of("#ref", ref))
                    .expressionAttributeValues(Map.of(":until", Attributes.n(until.toEpochMilli()))));
        } catch (ConditionalCheckFailedException settledOrOlder) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.executions())
                    .key(ExecutionItems.key(executionArn)).consistentRead(true)
                    .projectionExpression(ItemOutbox.SWEEP_SHARD)).item();
            if (item == null || item.isEmpty()) {
                outbox.hold(executionArn, ref, until);
            }
        }
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
                // The state too: the last commit's events may share its stream (billed the same: a read is billed
                // on the whole item).
                .projectionExpression("arn, #state, nextEventId, " + ExecutionItems.CHUNKS_FROM + ", "
                        + String.join(", ", LastEvents.ATTRIBUTES))
                .expressionAttributeNames(Map.of("#state", "state")));
        Map<String, AttributeValue> item = response.hasItem() ? response.item() : Map.of();
        long nextEventId = item.isEmpty() ? 0 : Attributes.number(item, "nextEventId");
        long chunksFrom = item.containsKey(ExecutionItems.CHUNKS_FROM)
                ? Attributes.number(item, ExecutionItems.CHUNKS_FROM) : Long.MAX_VALUE;
        return history.page(executionArn, nextEventId, chunksFrom, item.isEmpty() ? null
                : executions.lastEvents(item), maxResults, nextToken,
                reverse);
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
