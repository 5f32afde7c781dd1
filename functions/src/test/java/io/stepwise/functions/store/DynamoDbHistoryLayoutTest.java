package io.stepwise.functions.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.Step;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.history.HistoryEventType;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.Page;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.functions.Moto;
import io.stepwise.query.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * History layout 3: a commit's events in its execution item, moved to one chunk item by the next commit, read across
 * chunks, parts and the item in both directions; executions begun under layout 1 (an item per event) and layout 2
 * (every commit's chunk written with it) read on.
 */
class DynamoDbHistoryLayoutTest {
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:m";
    /**
     * A definition that leaves the execution running, waiting, as the commits the tests add assume: a store may keep
     * an ended execution's last events in its item, there being no next commit to pay for them again.
     */
    private static final String PASS = """
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100000,"End":true}}}""";
    /** A definition whose state does not repeat the input in its output, so the start is worth an item. */
    private static final String PASS_RESULT = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","Result":"ok","End":true}}}""";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private DynamoDbClient dynamo;
    private DynamoDbTables tables;
    private DynamoDbExecutionStore store;

    @BeforeEach
    void setUp() {
        dynamo = Moto.dynamo();
        tables = new DynamoDbTables(Moto.uniquePrefix());
        tables.create(dynamo);
        store = new DynamoDbExecutionStore(dynamo, tables);
    }

    private String create(String name) {
        return create(name, "{}");
    }

    private String create(String name, String input) {
        ExecutionStart start = new ExecutionStart(MACHINE.replace(":stateMachine:", ":execution:") + ":" + name,
                name, MACHINE, "m", "arn:aws:iam::123456789012:role/r", "us-east-1", input, T0, 1, "key");
        String definition = "{}".equals(input) ? PASS : PASS_RESULT;
        Step step = new Interpreter(DefinitionParser.parse(definition)).start(start);
        store.create(new Commit(start.executionArn(), 0, step.state(), step.events(), List.of(), List.of(),
                List.of(), List.of(), List.of(), T0), definition);
        return start.executionArn();
    }

    /** Commits {@code count} more events of {@code detailBytes} of output each, which gzip all but removes. */
    private void commitEvents(String arn, int count, int detailBytes) {
        commitEvents(arn, count, detailBytes, false);
    }

    /**
     * Commits {@code count} more events of {@code detailBytes} of output each; {@code incompressible} output is
     * random hex, which gzip only halves, so that an item cannot carry a commit's events on to the next.
     */
    private void commitEvents(String arn, int count, int detailBytes, boolean incompressible) {
        ExecutionRecord loaded = store.load(arn).orElseThrow();
        ExecutionState state = loaded.state().copy();
        List<HistoryEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = state.nextEventId++;
            events.add(new HistoryEvent(id, id - 1, T0.plusMillis(id), HistoryEventType.PASS_STATE_EXITED,
                    Json.MAPPER.createObjectNode().put("name", "P" + id).put("output", incompressible
                            ? randomHex(id, detailBytes) : "x".repeat(detailBytes))));
        }
        assertThat(store.commit(new Commit(arn, loaded.version(), state, events, List.of(), List.of(), List.of(),
                List.of(), List.of(), T0))).isTrue();
    }

    private static String randomHex(long seed, int length) {
        byte[] bytes = new byte[(length + 1) / 2];
        new java.util.Random(seed).nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes).substring(0, length);
    }

    private List<Long> paged(String arn, int pageSize, boolean reverse) {
        List<Long> ids = new ArrayList<>();
        String token = null;
        do {
            Page<HistoryEvent> page = store.history(arn, pageSize, token, reverse);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
            page.items().forEach(e -> ids.add(e.id()));
            token = page.nextToken();
        } while (token != null);
        return ids;
    }

    private static List<Long> reversed(List<Long> ids) {
        List<Long> copy = new ArrayList<>(ids);
        java.util.Collections.reverse(copy);
        return copy;
    }

    /** The history table's items but the executions' start and definition items, which share the table. */
    private List<Map<String, AttributeValue>> historyItems() {
        return dynamo.scan(b -> b.tableName(tables.history())).items().stream()
                .filter(item -> item.get("arn").s().startsWith("arn:")).toList();
    }

    @Test
    void aCommitWritesOneItemAndPagesCrossChunksBothWays() {
        String arn = create("chunks");
        commitEvents(arn, 5, 900, true);
        commitEvents(arn, 3, 900, true);
        commitEvents(arn, 7, 900, true);

        assertThat(historyItems()).as("chunks to page across: these events are too large to carry on for long")
                .hasSizeGreaterThanOrEqualTo(2);
        long total = store.load(arn).orElseThrow().state().nextEventId - 1;
        List<Long> all = LongStream.rangeClosed(1, total).boxed().toList();
        for (int size : new int[] {1, 2, 4, 100}) {
            assertThat(paged(arn, size, false)).as("forward by " + size).isEqualTo(all);
            assertThat(paged(arn, size, true)).as("backward by " + size).isEqualTo(reversed(all));
        }
        assertThat(store.history(arn).get(7).details().get("name").textValue()).isEqualTo("P8");
    }

    @Test
    void eventsBeyondAnItemGoToPartsReadInOrder() {
        String arn = create("parts");
        commitEvents(arn, 40, 20_000);

        assertThat(historyItems().stream().filter(HistoryChunks::isChunk)).as("chunk and parts").hasSizeGreaterThan(2);
        long total = store.load(arn).orElseThrow().state().nextEventId - 1;
        List<Long> all = LongStream.rangeClosed(1, total).boxed().toList();
        assertThat(paged(arn, 7, false)).isEqualTo(all);
        assertThat(paged(arn, 7, true)).isEqualTo(reversed(all));
        assertThat(store.history(arn).get(30).details().get("output").textValue()).hasSize(20_000);

        // The next commit writes the large commit's chunk: no events of its own, naming the same parts.
        commitEvents(arn, 2, 10);
        List<Long> more = LongStream.rangeClosed(1, total + 2).boxed().toList();
        assertThat(paged(arn, 7, false)).isEqualTo(more);
        assertThat(paged(arn, 7, true)).isEqualTo(reversed(more));
        assertThat(store.history(arn).get(30).details().get("output").textValue()).hasSize(20_000);
    }

    @Test
    void anExecutionBegunUnderLayoutOneReadsOnAndIgnoresStaleEventItems() {
        String arn = create("old");
        ExecutionRecord created = store.load(arn).orElseThrow();
        long createdEvents = created.state().nextEventId - 1;
        // As layout 1 left it: an item per event, no chunksFrom on the execution, and an event item at an id past
        // the committed ones, written by a split commit that then lost its compare-and-set.
        dynamo.deleteItem(b -> b.tableName(tables.history()).key(Map.of("arn", Attributes.s(arn),
                "id", Attributes.n(1))));
        for (HistoryEvent event : new Interpreter(DefinitionParser.parse(PASS)).start(created.state().start)
                .events()) {
            dynamo.putItem(b -> b.tableName(tables.history()).item(layoutOneItem(arn, event.id(), event.type(),
                    event.details() == null ? null : event.details().toString())));
        }
        dynamo.putItem(b -> b.tableName(tables.history()).item(layoutOneItem(arn, createdEvents + 2,
                HistoryEventType.PASS_STATE_ENTERED, null)));
        dynamo.updateItem(b -> b.tableName(tables.executions()).key(ExecutionItems.key(arn))
                .updateExpression("REMOVE chunksFrom, " + String.join(", ", LastEvents.ATTRIBUTES)));

        assertThat(store.history(arn)).hasSize((int) createdEvents);
        commitEvents(arn, 4, 10);
        commitEvents(arn, 2, 10);

        List<Long> all = LongStream.rangeClosed(1, createdEvents + 6).boxed().toList();
        for (int size : new int[] {1, 3, 100}) {
            assertThat(paged(arn, size, false)).as("forward by " + size).isEqualTo(all);
            assertThat(paged(arn, size, true)).as("backward by " + size).isEqualTo(reversed(all));
        }
        assertThat(store.history(arn).get((int) createdEvents + 1).type()).isEqualTo(HistoryEventType.PASS_STATE_EXITED);
    }

    @Test
    void smallCommitsCarryTheirEventsOnInTheItemAndAShorterChunkNeverReplacesALongerOne() {
        String arn = create("carried");
        commitEvents(arn, 5, 10);
        commitEvents(arn, 3, 10);
        assertThat(historyItems()).as("the item carries every commit's events: they fit below its KB").isEmpty();
        for (int commit = 0; commit < 20 && historyItems().isEmpty(); commit++) {
            commitEvents(arn, 3, 300, true);
        }

        long total = store.load(arn).orElseThrow().state().nextEventId - 1;
        List<Long> all = LongStream.rangeClosed(1, total).boxed().toList();
        for (int size : new int[] {1, 3, 100}) {
            assertThat(paged(arn, size, false)).as("forward by " + size).isEqualTo(all);
            assertThat(paged(arn, size, true)).as("backward by " + size).isEqualTo(reversed(all));
        }
        List<Map<String, AttributeValue>> chunks = historyItems();
        assertThat(chunks).as("the events carried on, flushed in one chunk when they no longer fit").isNotEmpty();
        Map<String, AttributeValue> first = chunks.get(0);
        assertThat(first.get("id").n()).isEqualTo("1");

        // A racer that read an older version writes its shorter chunk of the same first id: it is refused.
        HistoryChunks chunkWriter = new HistoryChunks(tables.history(), LargeText.inline());
        LastEvents shorter = new LastEvents(1, 2, AttributeValue.fromS("[]"), null, 0);
        assertThatThrownBy(() -> dynamo.putItem(chunkWriter.chunk(arn, shorter)))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(paged(arn, 100, false)).isEqualTo(all);
    }

    @Test
    void anExecutionCommittedUnderLayoutTwoReadsOn() {
        String arn = create("two");
        commitEvents(arn, 5, 10);
        commitEvents(arn, 3, 10);
        // As layout 2 left it: the last commit's chunk written with it, and no events in the execution item.
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.executions())
                .key(ExecutionItems.key(arn)).consistentRead(true)).item();
        LastEvents last = new ExecutionItems(tables.executions(), LargeText.inline(), null).lastEvents(item);
        dynamo.putItem(b -> b.tableName(tables.history()).item(Map.of("arn", Attributes.s(arn),
                "id", Attributes.n(last.from()), HistoryChunks.LAST_ID, Attributes.n(last.to()),
                HistoryChunks.EVENTS, last.events())));
        dynamo.updateItem(b -> b.tableName(tables.executions()).key(ExecutionItems.key(arn))
                .updateExpression("REMOVE " + String.join(", ", LastEvents.ATTRIBUTES)));
        long total = store.load(arn).orElseThrow().state().nextEventId - 1;

        assertThat(paged(arn, 2, false)).isEqualTo(LongStream.rangeClosed(1, total).boxed().toList());
        commitEvents(arn, 4, 900, true);
        commitEvents(arn, 2, 900, true);

        List<Long> all = LongStream.rangeClosed(1, total + 6).boxed().toList();
        for (int size : new int[] {1, 3, 100}) {
            assertThat(paged(arn, size, false)).as("forward by " + size).isEqualTo(all);
            assertThat(paged(arn, size, true)).as("backward by " + size).isEqualTo(reversed(all));
        }
        assertThat(historyItems()).as("the layout-2 chunk and at least one written since").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aSmallExecutionKeepsItsStartInItsItem() {
        String arn = create("small");
        commitEvents(arn, 2, 10);
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.executions())
                .key(ExecutionItems.key(arn)).consistentRead(true)).item();
        assertThat(item).containsKey("definition").doesNotContainKey(ExecutionItems.START);
        assertThat(item).containsKeys(LastEvents.FROM, LastEvents.TO).doesNotContainKey(LastEvents.EVENTS);
        store = new DynamoDbExecutionStore(dynamo, tables);
        assertThat(store.load(arn).orElseThrow().definition()).isEqualTo(PASS);
        assertThat(paged(arn, 2, false)).hasSize((int) store.load(arn).orElseThrow().state().nextEventId - 1);
    }

    @Test
    void theStartAndDefinitionLiveOutsideTheItemAndAFreshStoreReadsThemBack() {
        String input = largeInput();
        String arn = create("apart", input);
        commitEvents(arn, 2, 10);
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.executions())
                .key(ExecutionItems.key(arn)).consistentRead(true)).item();
        assertThat(item).containsKey(ExecutionItems.START).doesNotContainKeys("definition", "machineArn");
        String stored = LargeText.inline().decode(item.get("state"));
        assertThat(stored).doesNotContain("tokenKey");
        assertThat(stored.substring(stored.indexOf('\n') + 1)).as("the last commit's events share the state's stream")
                .startsWith("[[").contains("PassStateExited");
        assertThat(item).containsKeys(LastEvents.FROM, LastEvents.TO).doesNotContainKey(LastEvents.EVENTS);

        store = new DynamoDbExecutionStore(dynamo, tables);
        ExecutionRecord loaded = store.load(arn).orElseThrow();
        assertThat(loaded.definition()).isEqualTo(PASS_RESULT);
        assertThat(loaded.state().start.inputText()).isEqualTo(input);
        assertThat(loaded.state().start.tokenKey()).isEqualTo("key");
        commitEvents(arn, 2, 10);
        assertThat(store.load(arn).orElseThrow().state().start.name()).isEqualTo("apart");
    }

    @Test
    void anItemOfTheLayoutBeforeStartItemsReadsAndCommitsOn() {
        String arn = create("inline", largeInput());
        commitEvents(arn, 2, 10);
        // As layout 3 left it: the state with its start, the definition and the machine's ARN in the item, the
        // last commit's events in an attribute of their own.
        ExecutionRecord loaded = store.load(arn).orElseThrow();
        LastEvents last = new ExecutionItems(tables.executions(), LargeText.inline(), null).lastEvents(
                dynamo.getItem(b -> b.tableName(tables.executions()).key(ExecutionItems.key(arn))
                        .consistentRead(true)).item());
        dynamo.updateItem(b -> b.tableName(tables.executions()).key(ExecutionItems.key(arn))
                .updateExpression("SET #state = :state, #definition = :definition, machineArn = :machine,"
                        + " lastEvents = :events REMOVE #start")
                .expressionAttributeNames(Map.of("#state", "state", "#start", ExecutionItems.START,
                        "#definition", "definition"))
                .expressionAttributeValues(Map.of(":state",
                        Attributes.s(io.stepwise.engine.state.StateFormat.CURRENT.write(loaded.state())),
                        ":definition", Attributes.s(PASS_RESULT), ":machine", Attributes.s(MACHINE),
                        ":events", last.events())));
        store = new DynamoDbExecutionStore(dynamo, tables);

        ExecutionRecord again = store.load(arn).orElseThrow();
        assertThat(again.definition()).isEqualTo(PASS_RESULT);
        assertThat(again.state().start).isEqualTo(loaded.state().start);
        commitEvents(arn, 3, 10);
        store = new DynamoDbExecutionStore(dynamo, tables);
        commitEvents(arn, 1, 10);
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.executions())
                .key(ExecutionItems.key(arn)).consistentRead(true)).item();
        assertThat(item).containsKey("definition").doesNotContainKey(ExecutionItems.START);
        assertThat(store.load(arn).orElseThrow().state().start).isEqualTo(loaded.state().start);
        assertThat(paged(arn, 100, false)).hasSize((int) store.load(arn).orElseThrow().state().nextEventId - 1);
    }

    /** An input large enough (1.5 KB that gzip halves) for the start to go to an item of its own. */
    private static String largeInput() {
        java.util.Random random = new java.util.Random(7);
        StringBuilder input = new StringBuilder("\"");
        for (int i = 0; i < 1500; i++) {
            input.append(Character.forDigit(random.nextInt(16), 16));
        }
        return input.append('"').toString();
    }

    private static Map<String, AttributeValue> layoutOneItem(String arn, long id, HistoryEventType type,
            String details) {
        java.util.HashMap<String, AttributeValue> item = new java.util.HashMap<>(Map.of("arn", Attributes.s(arn),
                "id", Attributes.n(id), "previousId", Attributes.n(id - 1), "timestamp",
                Attributes.date(T0), "type", Attributes.s(type.wireName())));
        if (details != null) {
            item.put("details", Attributes.s(details));
        }
        return item;
    }
}
