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
import io.stepwise.engine.port.Timer;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.functions.Moto;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What only the DynamoDB store has to care about: items of at most 400 KB, and commits far larger than the 100 items
 * and 4 MB a transaction held (commits use none now).
 */
class DynamoDbCommitLimitsTest {
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:m";
    private static final String PASS = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";
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

    private static Step started(String name, String input) {
        ExecutionStart start = new ExecutionStart(MACHINE.replace(":stateMachine:", ":execution:") + ":" + name,
                name, MACHINE, "m", "arn:aws:iam::123456789012:role/r", "us-east-1", input, T0, 1, "key");
        return new Interpreter(DefinitionParser.parse(PASS)).start(start);
    }

    /** A commit of {@code count} more events, as a long run of Pass states would make. */
    private static Commit withEvents(ExecutionRecord loaded, long expectedVersion, int count) {
        ExecutionState state = loaded.state().copy();
        List<HistoryEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = state.nextEventId++;
            events.add(new HistoryEvent(id, id - 1, T0, HistoryEventType.PASS_STATE_ENTERED, (com.fasterxml.jackson.databind.node
                    .ObjectNode) null));
        }
        return new Commit(loaded.executionArn(), expectedVersion, state, events, List.of(), List.of(), List.of(),
                List.of(), List.of(), T0);
    }

    @Test
    void aCommitOfMoreEventsThanATransactionHoldsIsStoredWhole() {
        Step step = started("long", "{}");
        store.create(new Commit(step.state().start.executionArn(), 0, step.state(), step.events(), List.of(),
                List.of(), List.of(), List.of(), List.of(), T0), PASS);
        ExecutionRecord loaded = store.load(step.state().start.executionArn()).orElseThrow();

        assertThat(store.commit(withEvents(loaded, loaded.version(), 250))).isTrue();

        List<HistoryEvent> history = store.history(loaded.executionArn());
        assertThat(history).hasSize(step.events().size() + 250);
        assertThat(history).extracting(HistoryEvent::id)
                .isEqualTo(IntStream.rangeClosed(1, history.size()).mapToObj(i -> (long) i).toList());
        assertThat(store.load(loaded.executionArn()).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void aCommitOfMoreBytesThanATransactionHoldsIsStoredWhole() {
        Step step = started("heavy", "{}");
        String arn = step.state().start.executionArn();
        store.create(new Commit(arn, 0, step.state(), step.events(), List.of(), List.of(), List.of(), List.of(),
                List.of(), T0), PASS);
        ExecutionRecord loaded = store.load(arn).orElseThrow();
        ExecutionState state = loaded.state().copy();
        List<HistoryEvent> events = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            long id = state.nextEventId++;
            com.fasterxml.jackson.databind.node.ObjectNode details = io.stepwise.query.Json.MAPPER.createObjectNode()
                    .put("output", incompressibleInput(400_000));
            events.add(new HistoryEvent(id, id - 1, T0, HistoryEventType.PASS_STATE_EXITED, details));
        }

        assertThat(store.commit(new Commit(arn, loaded.version(), state, events, List.of(), List.of(), List.of(),
                List.of(), List.of(), T0))).as("about 4.5 MB compressed").isTrue();

        List<HistoryEvent> history = store.history(arn);
        assertThat(history).hasSize(step.events().size() + 15);
        assertThat(history.subList(step.events().size(), history.size())).extracting(HistoryEvent::details)
                .isEqualTo(events.stream().map(HistoryEvent::details).toList());
    }

    @Test
    void aStaleLargeCommitLeavesNoEventBehind() {
        Step step = started("stale", "{}");
        String arn = step.state().start.executionArn();
        store.create(new Commit(arn, 0, step.state(), step.events(), List.of(),
                List.of(), List.of(), List.of(), List.of(), T0), PASS);
        ExecutionRecord loaded = store.load(arn).orElseThrow();
        ExecutionState state = loaded.state().copy();
        List<HistoryEvent> events = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            long id = state.nextEventId++;
            events.add(new HistoryEvent(id, id - 1, T0, HistoryEventType.PASS_STATE_EXITED,
                    io.stepwise.query.Json.MAPPER.createObjectNode().put("output", incompressibleInput(400_000))));
        }

        assertThat(store.commit(new Commit(arn, loaded.version() + 1, state, events, List.of(), List.of(),
                List.of(), List.of(), List.of(), T0))).isFalse();

        assertThat(store.history(loaded.executionArn())).hasSize(step.events().size());
        assertThat(dynamo.scan(b -> b.tableName(tables.history())).items().stream()
                .filter(item -> item.get("arn").s().startsWith("arn:")))
                .as("the create's events stay in its item, and a stale commit writes nothing").isEmpty();
    }

    @Test
    void aCommitWithMoreSideEffectsThanATransactionHeldIsStoredWhole() {
        Step step = started("wide", "{}");
        String arn = step.state().start.executionArn();
        store.create(new Commit(arn, 0, step.state(), step.events(), List.of(), List.of(), List.of(), List.of(),
                List.of(), T0), PASS);
        List<Timer> timers = IntStream.range(0, 150).mapToObj(i -> new Timer(arn, "t" + i, T0)).toList();
        ExecutionRecord loaded = store.load(arn).orElseThrow();

        assertThat(store.commit(new Commit(arn, loaded.version(), loaded.state(), List.of(), List.of(), timers,
                List.of(), List.of(), List.of(), T0))).isTrue();
        assertThat(new DynamoDbTimerStore(dynamo, tables).due(T0, 1_000)).hasSize(150);
    }

    @Test
    void aLargeStateIsStoredCompressedAndReadsBack() {
        String input = "{\"items\":[" + String.join(",", IntStream.range(0, 20_000)
                .mapToObj(i -> "{\"id\":" + i + ",\"name\":\"item number " + i + "\"}").toList()) + "]}";
        Step step = started("large", input);
        String arn = step.state().start.executionArn();
        assertThat(input.length()).isGreaterThan(500_000);

        assertThat(store.create(new Commit(arn, 0, step.state(), step.events(), List.of(), List.of(), List.of(),
                List.of(), List.of(), T0), PASS)).isTrue();

        AttributeValue state = dynamo.getItem(b -> b.tableName(tables.executions())
                .key(ExecutionItems.key(arn))).item().get("state");
        assertThat(state.b()).as("gzipped").isNotNull();
        assertThat(state.b().asByteArray().length).isLessThan(350_000);
        assertThat(store.load(arn).orElseThrow().state().start.inputText()).isEqualTo(input);
        assertThat(store.history(arn).get(0).details().toString()).contains("item number 19999");
    }

    /** Random text: it compresses to about three quarters, so a large input stays over the item limit gzipped. */
    private static String incompressibleInput(int bytes) {
        byte[] random = new byte[bytes * 3 / 4];
        new java.util.Random(1).nextBytes(random);
        return "{\"blob\":\"" + java.util.Base64.getEncoder().encodeToString(random) + "\"}";
    }

    @Test
    void aStateTooLargeForAnItemEvenCompressedIsRefusedClearlyWithoutABucket() {
        Step step = started("huge", incompressibleInput(600_000));
        String arn = step.state().start.executionArn();

        assertThatThrownBy(() -> store.create(new Commit(arn, 0, step.state(), step.events(), List.of(), List.of(),
                List.of(), List.of(), List.of(), T0), PASS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no payload bucket is configured");
        assertThat(store.load(arn)).isEmpty();
    }

    @Test
    void aStateTooLargeForAnItemGoesToTheBucketAndReadsBack() {
        S3Client s3 = Moto.s3();
        String bucket = tables.executions().toLowerCase(java.util.Locale.ROOT).replace("executions", "payloads");
        s3.createBucket(b -> b.bucket(bucket));
        DynamoDbExecutionStore overflowing = new DynamoDbExecutionStore(dynamo, tables,
                LargeText.overflowingTo(s3, bucket));
        String input = incompressibleInput(600_000);
        Step step = started("huge", input);
        String arn = step.state().start.executionArn();

        assertThat(overflowing.create(new Commit(arn, 0, step.state(), step.events(), List.of(), List.of(),
                List.of(), List.of(), List.of(), T0), PASS)).isTrue();

        AttributeValue state = dynamo.getItem(b -> b.tableName(tables.executions())
                .key(ExecutionItems.key(arn))).item().get("state");
        assertThat(state.m()).containsKey("s3");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isNotEmpty();
        assertThat(overflowing.load(arn).orElseThrow().state().start.inputText()).isEqualTo(input);
        assertThat(overflowing.history(arn).get(0).details().toString()).contains(input.substring(10, 60));
    }
}
