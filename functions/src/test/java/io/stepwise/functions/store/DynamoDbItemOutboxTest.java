package io.stepwise.functions.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.Command;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.Step;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.OutboxEntry;
import io.stepwise.functions.Moto;
import io.stepwise.query.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The outbox inside the execution item (layout 5): no item of its own per task, one sweep-index entry per execution
 * for as long as it has tasks in flight, and claims that commits never write back.
 */
class DynamoDbItemOutboxTest {
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:m";
    private static final String THREE_CALLS = """
            {"StartAt":"A","States":{
             "A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":100,
                  "Parameters":{"FunctionName":"a","Payload.$":"$"},"ResultPath":"$.a","Next":"B"},
             "B":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":100,
                  "Parameters":{"FunctionName":"b","Payload.$":"$"},"ResultPath":"$.b","Next":"C"},
             "C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":100,
                  "Parameters":{"FunctionName":"c","Payload.$":"$"},"ResultPath":"$.c","End":true}}}""";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private DynamoDbClient dynamo;
    private DynamoDbTables tables;
    private DynamoDbExecutionStore store;
    private final Interpreter interpreter = new Interpreter(DefinitionParser.parse(THREE_CALLS));

    @BeforeEach
    void setUp() {
        dynamo = Moto.dynamo();
        tables = new DynamoDbTables(Moto.uniquePrefix());
        tables.create(dynamo);
        store = new DynamoDbExecutionStore(dynamo, tables);
    }

    private String start(String name) {
        ExecutionStart start = new ExecutionStart(MACHINE.replace(":stateMachine:", ":execution:") + ":" + name,
                name, MACHINE, "m", "arn:aws:iam::123456789012:role/r", "us-east-1", "{\"v\":1}", T0, 1, "key");
        Step step = interpreter.start(start);
        assertThat(store.create(new Commit(start.executionArn(), 0, step.state(), step.events(), List.of(), List.of(),
                List.of(), tasks(step), List.of(), T0), THREE_CALLS)).isTrue();
        return start.executionArn();
    }

    /** Answers the task the execution waits for and commits the step; returns the task it answered. */
    private Command.InvokeTask answer(String arn, int second) {
        ExecutionRecord loaded = store.load(arn).orElseThrow();
        Command.InvokeTask pending = pendingTask(arn);
        Instant at = T0.plusSeconds(second);
        Step step = interpreter.applyInPlace(loaded.state().copy(),
                new Trigger.TaskSucceeded(pending.ref(), Json.parse("{\"ok\":" + second + "}")), at);
        assertThat(store.commit(new Commit(arn, loaded.version(), step.state(), step.events(), List.of(), List.of(),
                List.of(), tasks(step), List.of(pending.ref()), at))).isTrue();
        return pending;
    }

    /** The tasks a step hands over; its timers are left out, this test being about tasks. */
    private static List<Command.InvokeTask> tasks(Step step) {
        return step.commands().stream().filter(Command.InvokeTask.class::isInstance)
                .map(Command.InvokeTask.class::cast).toList();
    }

    private Command.InvokeTask pendingTask(String arn) {
        List<OutboxEntry> entries = store.outbox().stream().filter(e -> e.executionArn().equals(arn)).toList();
        assertThat(entries).hasSize(1);
        return entries.get(0).task();
    }

    private Map<String, AttributeValue> item(String arn) {
        return dynamo.getItem(b -> b.tableName(tables.executions()).key(ExecutionItems.key(arn))
                .consistentRead(true)).item();
    }

    private List<Map<String, AttributeValue>> sweepIndex() {
        return dynamo.scan(b -> b.tableName(tables.executions()).indexName(DynamoDbTables.BY_SWEEP)).items();
    }

    @Test
    void aSequentialExecutionKeepsOneSweepEntryFromItsFirstTaskToItsLastAndNoOutboxItems() {
        String arn = start("chain");
        String sweepAt = item(arn).get(ItemOutbox.SWEEP_AT).n();
        assertThat(item(arn).get(ItemOutbox.CLAIMS).m()).hasSize(1);
        assertThat(sweepIndex()).hasSize(1);

        Command.InvokeTask a = answer(arn, 1);
        Command.InvokeTask b = pendingTask(arn);
        assertThat(b.ref()).isNotEqualTo(a.ref());
        assertThat(item(arn).get(ItemOutbox.SWEEP_AT).n()).as("kept: no index write").isEqualTo(sweepAt);
        assertThat(item(arn).get(ItemOutbox.CLAIMS).m()).containsOnlyKeys(b.ref());

        answer(arn, 2);
        answer(arn, 3);
        assertThat(store.load(arn).orElseThrow().state().status.name()).isEqualTo("SUCCEEDED");
        assertThat(item(arn)).doesNotContainKeys(ItemOutbox.CLAIMS, ItemOutbox.SWEEP_AT)
                .containsKey(ItemOutbox.SWEEP_SHARD);
        assertThat(sweepIndex()).isEmpty();
        assertThat(store.outbox()).isEmpty();
        assertThat(dynamo.scan(r -> r.tableName(tables.outbox())).items()).as("the outbox table").isEmpty();
        assertThat(store.history(arn)).extracting(e -> e.type().name()).last().isEqualTo("EXECUTION_SUCCEEDED");
    }

    @Test
    void aSweepClaimsWhatRanOutAndMovesTheSweepTimeAndACommitKeepsAHoldItDidNotMake() {
        String arn = start("held");
        Command.InvokeTask a = pendingTask(arn);
        Instant later = Instant.now().plusSeconds(3_600);

        assertThat(store.claimOutbox(Instant.now(), Instant.now().plusSeconds(60), 10)).isEmpty();
        assertThat(store.claimOutbox(later, later.plusSeconds(60), 10)).containsExactly(new OutboxEntry(arn, a));
        assertThat(item(arn).get(ItemOutbox.SWEEP_AT).n()).isEqualTo(Long.toString(later.plusSeconds(60)
                .toEpochMilli()));
        assertThat(store.claimOutbox(later, later.plusSeconds(60), 10)).as("claimed already").isEmpty();

        store.claim(arn, a.ref(), later.plusSeconds(7_200));
        // A commit that settles nothing and adds nothing of this task, from the version loaded before the hold.
        ExecutionRecord loaded = store.load(arn).orElseThrow();
        assertThat(store.commit(new Commit(arn, loaded.version(), loaded.state(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), T0))).isTrue();
        assertThat(item(arn).get(ItemOutbox.CLAIMS).m().get(a.ref()).n()).as("the hold stands")
                .isEqualTo(Long.toString(later.plusSeconds(7_200).toEpochMilli()));
        Instant afterLease = later.plusSeconds(600);
        assertThat(store.claimOutbox(afterLease, afterLease.plusSeconds(60), 10)).as("held").isEmpty();
        assertThat(item(arn).get(ItemOutbox.SWEEP_AT).n()).as("moved to the hold")
                .isEqualTo(Long.toString(later.plusSeconds(7_200).toEpochMilli()));

        answer(arn, 1);
        store.claim(arn, a.ref(), later.plusSeconds(7_200));
        assertThat(item(arn).get(ItemOutbox.CLAIMS).m()).as("a settled task is not held").doesNotContainKey(a.ref());
        assertThat(dynamo.scan(r -> r.tableName(tables.outbox())).items()).as("nor in the outbox table").isEmpty();
    }

    @Test
    void anExecutionCreatedBeforeLayoutFiveKeepsItsTasksInTheOutboxTable() {
        String arn = start("legacy");
        Command.InvokeTask a = pendingTask(arn);
        asCreatedBeforeLayoutFive(arn, a);
        Instant later = Instant.now().plusSeconds(3_600);

        assertThat(store.outbox()).containsExactly(new OutboxEntry(arn, a));
        assertThat(store.claimOutbox(later, later.plusSeconds(60), 10)).containsExactly(new OutboxEntry(arn, a));

        Command.InvokeTask answered = answer(arn, 1);
        assertThat(answered).isEqualTo(a);
        Map<String, AttributeValue> item = item(arn);
        assertThat(item).as("still of the older layout").doesNotContainKeys(ItemOutbox.SWEEP_SHARD,
                ItemOutbox.CLAIMS, ItemOutbox.SWEEP_AT);
        List<Map<String, AttributeValue>> outboxItems = dynamo.scan(r -> r.tableName(tables.outbox())).items();
        assertThat(outboxItems).as("a settled, b put in the table").hasSize(1);
        Command.InvokeTask b = pendingTask(arn);
        assertThat(outboxItems.get(0).get("ref").s()).isEqualTo(b.ref());
        store.claim(arn, b.ref(), later.plusSeconds(7_200));
        assertThat(store.claimOutbox(later.plusSeconds(3_600), later.plusSeconds(3_660), 10)).as("b held").isEmpty();
    }

    /** Rewrites the item as a commit before layout 5 left it, with its task in the outbox table. */
    private void asCreatedBeforeLayoutFive(String arn, Command.InvokeTask task) {
        LargeText text = LargeText.inline();
        String stream = text.decode(item(arn).get("state"));
        String withoutOutbox = stream.substring(0, stream.lastIndexOf("\n{"));
        dynamo.updateItem(b -> b.tableName(tables.executions()).key(ExecutionItems.key(arn))
                .updateExpression("SET #state = :state REMOVE " + ItemOutbox.SWEEP_SHARD + ", " + ItemOutbox.CLAIMS
                        + ", " + ItemOutbox.SWEEP_AT)
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":state", text.encode(withoutOutbox, "state"))));
        dynamo.putItem(b -> b.tableName(tables.outbox()).item(Map.of("arn", AttributeValue.fromS(arn),
                "ref", AttributeValue.fromS(task.ref()), "seq", AttributeValue.fromN("1"),
                "claimedUntil", AttributeValue.fromN(Long.toString(Instant.now().plusSeconds(160).toEpochMilli())),
                "task", AttributeValue.fromS(DynamoDbJson.JSON.writeWithoutNulls(task)),
                CommitWrites.ADDED_IN, AttributeValue.fromN("1"), CommitWrites.WRITER, AttributeValue.fromS("old"))));
    }
}
