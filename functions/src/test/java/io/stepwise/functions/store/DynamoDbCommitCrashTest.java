package io.stepwise.functions.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.Command;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.Step;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.OutboxEntry;
import io.stepwise.engine.port.Timer;
import io.stepwise.functions.Moto;
import io.stepwise.query.Json;
import io.stepwise.runtime.OutboxRedelivery;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Commits of one conditional write and standard writes around it, when the process dies between them or loses the
 * compare-and-set without cleaning up: nothing committed is lost, and nothing uncommitted is called.
 */
class DynamoDbCommitCrashTest {
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:m";
    private static final String CALL = """
            {"StartAt":"Call","States":{
             "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":100,
                     "Parameters":{"FunctionName":"echo","Payload.$":"$"},"Next":"Done"},
             "Done":{"Type":"Pass","End":true}}}""";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private DynamoDbClient dynamo;
    private DynamoDbTables tables;
    private DynamoDbExecutionStore store;
    private final Interpreter interpreter = new Interpreter(DefinitionParser.parse(CALL));

    /** A process that dies (the exception ends the call) at the first DynamoDB request {@code dies} matches. */
    private static final class Crash extends RuntimeException {
        Crash() {
            super("killed (fault injected)");
        }
    }

    @BeforeEach
    void setUp() {
        dynamo = Moto.dynamo();
        tables = new DynamoDbTables(Moto.uniquePrefix());
        tables.create(dynamo);
        store = new DynamoDbExecutionStore(dynamo, tables);
    }

    private DynamoDbExecutionStore dyingAt(Predicate<String> dies) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (args != null && args.length == 1 && dies.test(method.getName() + " " + args[0])) {
                throw new Crash();
            }
            try {
                return method.invoke(dynamo, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return new DynamoDbExecutionStore((DynamoDbClient) Proxy.newProxyInstance(
                DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, handler), tables);
    }

    /** Starts an execution that calls a task with a timeout, as the runner commits it. */
    private Step start(String name) {
        ExecutionStart start = new ExecutionStart(MACHINE.replace(":stateMachine:", ":execution:") + ":" + name,
                name, MACHINE, "m", "arn:aws:iam::123456789012:role/r", "us-east-1", "{\"v\":1}", T0, 1, "key");
        Step step = interpreter.start(start);
        assertThat(store.create(new Commit(start.executionArn(), 0, step.state(), step.events(), List.of(),
                timers(start.executionArn(), step), List.of(), tasks(step), List.of(), T0), CALL)).isTrue();
        return step;
    }

    private static List<Command.InvokeTask> tasks(Step step) {
        return step.commands().stream().filter(Command.InvokeTask.class::isInstance)
                .map(Command.InvokeTask.class::cast).toList();
    }

    private static List<Timer> timers(String arn, Step step) {
        return step.commands().stream().filter(Command.StartTimer.class::isInstance)
                .map(Command.StartTimer.class::cast).map(start -> new Timer(arn, start.ref(), start.dueAt())).toList();
    }

    private List<String> sweep(Instant now) {
        List<String> dispatched = new ArrayList<>();
        new OutboxRedelivery(store, (arn, task) -> dispatched.add(task.ref())).sweep(now);
        return dispatched;
    }

    @Test
    void aTaskOfACommitThatNeverLandedIsNeitherStoredNorCalled() {
        Step started = start("loser");
        String arn = started.state().start.executionArn();
        Command.InvokeTask call = tasks(started).get(0);
        ExecutionRecord loaded = store.load(arn).orElseThrow();
        Command.InvokeTask ghost = new Command.InvokeTask("root:99", "Ghost", "arn:aws:states:::lambda:invoke",
                Json.parse("{}"), null, 5, null, null, null);
        DynamoDbExecutionStore dying = dyingAt(request -> request.startsWith("updateItem")
                && request.contains(tables.executions()));
        dying.load(arn);

        assertThatThrownBy(() -> dying.commit(new Commit(arn, loaded.version(), loaded.state(), List.of(), List.of(),
                List.of(), List.of(), List.of(ghost), List.of(), T0))).isInstanceOf(Crash.class);
        assertThat(store.commit(new Commit(arn, loaded.version(), loaded.state(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), T0))).as("the racer that lands").isTrue();
        assertThat(store.outbox()).extracting(OutboxEntry::task)
                .as("the ghost was in the item write that died: tasks live in the execution item")
                .containsExactly(call);

        assertThat(sweep(Instant.now().plusSeconds(7_200))).as("the sweep calls only the committed task")
                .containsExactly(call.ref());
        assertThat(store.outbox()).extracting(OutboxEntry::task).containsExactly(call);
    }

    @Test
    void aCrashAfterTheCompareAndSetBeforeItsDeletesLosesNothingAndCallsNothingAgain() {
        Step started = start("crash");
        String arn = started.state().start.executionArn();
        Command.InvokeTask call = tasks(started).get(0);
        Timer timeout = timers(arn, started).get(0);
        ExecutionRecord loaded = store.load(arn).orElseThrow();
        Step answered = interpreter.applyInPlace(loaded.state().copy(),
                new Trigger.TaskSucceeded(call.ref(), Json.parse("{\"ok\":true}")), T0.plusSeconds(1));
        List<String> cancelled = answered.commands().stream().filter(Command.CancelTimer.class::isInstance)
                .map(c -> ((Command.CancelTimer) c).ref()).toList();
        assertThat(cancelled).contains(timeout.ref());
        DynamoDbExecutionStore dying = dyingAt(request -> request.startsWith("deleteItem"));
        dying.load(arn);

        assertThatThrownBy(() -> dying.commit(new Commit(arn, loaded.version(), answered.state(), answered.events(),
                List.of(), List.of(), cancelled, List.of(), List.of(call.ref()), T0.plusSeconds(1))))
                .isInstanceOf(Crash.class);

        ExecutionRecord after = store.load(arn).orElseThrow();
        assertThat(after.version()).isEqualTo(loaded.version() + 1);
        assertThat(after.state().status).isEqualTo(ExecutionStatus.SUCCEEDED);
        List<HistoryEvent> expected = new ArrayList<>(started.events());
        expected.addAll(answered.events());
        assertThat(store.history(arn)).as("history complete").isEqualTo(expected);
        assertThat(sweep(Instant.now().plusSeconds(7_200))).as("the answered task is not called again").isEmpty();
        assertThat(store.outbox()).as("and its outbox item is dropped").isEmpty();
        Timer left = new DynamoDbTimerStore(dynamo, tables).next().orElseThrow();
        assertThat(left).as("the cancelled timer is left").isEqualTo(timeout);
        assertThat(interpreter.applyInPlace(after.state(), new Trigger.TimerFired(left.ref()), T0.plusSeconds(200))
                .changed()).as("and fires as a no-op").isFalse();
    }

    @Test
    void racersForOneVersionWritingTheSameTokenLeaveTheWinnersInPlace() throws Exception {
        Step started = start("racers");
        String arn = started.state().start.executionArn();
        ExecutionRecord loaded = store.load(arn).orElseThrow();
        // A callback task's token is an HMAC of the execution and the ref: racers for one version write the same key.
        Commit commit = new Commit(arn, loaded.version(), loaded.state(), List.of(), List.of(
                new io.stepwise.engine.port.TaskTokenGrant("same-token", arn, "root:7")), List.of(), List.of(),
                List.of(), List.of(), T0);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Boolean>> attempts = new ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 6; i++) {
                DynamoDbExecutionStore racer = new DynamoDbExecutionStore(dynamo, tables);
                attempts.add(pool.submit(() -> {
                    go.await();
                    return racer.commit(commit);
                }));
            }
            go.countDown();
            long won = 0;
            for (java.util.concurrent.Future<Boolean> attempt : attempts) {
                won += attempt.get() ? 1 : 0;
            }
            assertThat(won).isLessThanOrEqualTo(1);
            if (won == 0) {
                assertThat(store.commit(commit)).as("once the racers withdrew").isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.load(arn).orElseThrow().version()).isEqualTo(loaded.version() + 1);
        assertThat(store.findTaskToken("same-token")).as("the winner's token").isPresent();
    }

    @Test
    void itemsLeftByAnAttemptThatDiedLongAgoAreReplaced() {
        Step started = start("abandoned");
        String arn = started.state().start.executionArn();
        ExecutionRecord loaded = store.load(arn).orElseThrow();
        dynamo.putItem(b -> b.tableName(tables.tokens()).item(java.util.Map.of(
                "hash", Attributes.s(TokenHash.of("left-token")), "arn", Attributes.s(arn), "ref", Attributes.s("r"),
                CommitWrites.ADDED_IN, Attributes.n(loaded.version() + 1),
                CommitWrites.WRITER, Attributes.s((System.currentTimeMillis() - 60_000) + "-dead"))));

        assertThat(store.commit(new Commit(arn, loaded.version(), loaded.state(), List.of(), List.of(
                new io.stepwise.engine.port.TaskTokenGrant("left-token", arn, "r")), List.of(), List.of(), List.of(),
                List.of(), T0))).isTrue();
        assertThat(store.findTaskToken("left-token")).isPresent();
    }
}
