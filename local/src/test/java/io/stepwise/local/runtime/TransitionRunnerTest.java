package io.stepwise.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskTokenGrant;
import io.stepwise.local.store.SqliteDatabase;
import io.stepwise.local.store.SqliteExecutionStore;
import io.stepwise.local.store.SqliteTimerStore;
import io.stepwise.runtime.ActivityRouting;
import io.stepwise.runtime.ActivityTask;
import io.stepwise.runtime.InMemoryActivityQueue;
import io.stepwise.runtime.ExecutionResult;
import io.stepwise.runtime.InMemoryRunner;
import io.stepwise.runtime.OutboxRedelivery;
import io.stepwise.runtime.TaskDispatcher;
import io.stepwise.runtime.TaskInvoker;
import io.stepwise.runtime.TransitionRunner;
import io.stepwise.runtime.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TransitionRunner over the real SQLite stores: commit first, then dispatch; stale triggers change nothing; a
 * restart dispatches again what a crash interrupted.
 */
class TransitionRunnerTest {
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:m";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final SqliteDatabase db = SqliteDatabase.inMemory();
    private final SqliteExecutionStore executions = new SqliteExecutionStore(db);
    private final SqliteTimerStore timers = new SqliteTimerStore(db);
    private final VirtualClock clock = new VirtualClock(T0);
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final LinkedBlockingQueue<String> tokens = new LinkedBlockingQueue<>();

    private final IntegrationRegistry integrations = resource -> switch (resource) {
        case "arn:aws:lambda:us-east-1:123456789012:function:echo" ->
                Optional.of(request -> new TaskOutcome.Succeeded(request.input()));
        case "arn:aws:lambda:us-east-1:123456789012:function:throws" -> Optional.of(request -> {
            throw new IllegalStateException("kaput");
        });
        case "arn:aws:states:::sqs:sendMessage.waitForTaskToken" -> Optional.of(request -> {
            tokens.add(request.taskToken());
            return new TaskOutcome.Pending();
        });
        default -> Optional.empty();
    };
    private final InProcessTransitionQueue transitions = new InProcessTransitionQueue(2);
    private final ExecutorTaskDispatcher tasks = dispatcher(integrations);
    private final TimerPoller timerPoller = new TimerPoller(timers, transitions, clock,
            () -> transitions.isIdle() && tasks.isIdle());
    private final TransitionRunner runner = runner(tasks);

    private ExecutorTaskDispatcher dispatcher(IntegrationRegistry registry) {
        return new ExecutorTaskDispatcher(workers, new TaskInvoker(registry), transitions, executions);
    }

    private TransitionRunner runner(TaskDispatcher dispatcher) {
        return new TransitionRunner(executions, clock, dispatcher, timerPoller);
    }

    @BeforeEach
    void startQueue() {
        transitions.start(runner::deliver);
    }

    @AfterEach
    void tearDown() {
        timerPoller.close();
        transitions.close();
        workers.shutdownNow();
        db.close();
    }

    private static ExecutionStart start(String name) {
        return new ExecutionStart(MACHINE.replace(":stateMachine:", ":execution:") + ":" + name, name, MACHINE, "m",
                "arn:aws:iam::123456789012:role/r", "us-east-1", "{\"v\":1}", T0, 7);
    }

    private ExecutionRecord awaitEnd(String arn) throws InterruptedException {
        return ExecutionEnd.await(executions, arn, Duration.ofSeconds(5));
    }

    @Test
    void taskResultComesBackAsATriggerAndCompletesTheExecution() throws InterruptedException {
        String definition = """
                {"StartAt":"T","States":{"T":{"Type":"Task",
                 "Resource":"arn:aws:lambda:us-east-1:123456789012:function:echo","End":true}}}""";
        ExecutionStart start = start("e1");

        assertThat(runner.start(start, definition)).isTrue();
        assertThat(runner.start(start, definition)).as("the same ARN again").isFalse();

        ExecutionRecord done = awaitEnd(start.executionArn());
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.state().output.toString()).isEqualTo("{\"v\":1}");
        assertThat(executions.history(start.executionArn())).extracting(e -> e.type().wireName()).containsExactly(
                "ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
                "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded");
    }

    @Test
    void callbackTokenIsStoredAndADuplicateAnswerIsANoOp() throws InterruptedException {
        String definition = """
                {"StartAt":"T","States":{"T":{"Type":"Task",
                 "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                 "Parameters":{"token.$":"$$.Task.Token"},"End":true}}}""";
        ExecutionStart start = start("cb");
        runner.start(start, definition);
        String token = tokens.poll(5, TimeUnit.SECONDS);

        TaskTokenGrant grant = executions.findTaskToken(token).orElseThrow();
        assertThat(grant.executionArn()).isEqualTo(start.executionArn());
        Trigger answer = new Trigger.TaskSucceeded(grant.ref(), TextNode.valueOf("done"));
        assertThat(runner.deliver(start.executionArn(), answer)).isTrue();
        long version = executions.load(start.executionArn()).orElseThrow().version();
        assertThat(runner.deliver(start.executionArn(), answer)).isFalse();

        ExecutionRecord done = executions.load(start.executionArn()).orElseThrow();
        assertThat(done.version()).isEqualTo(version);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.state().output.textValue()).isEqualTo("done");
    }

    @Test
    void waitTimerIsPersistedAndFiredByTheScheduler() throws InterruptedException {
        String definition = """
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":31536000,"End":true}}}""";
        ExecutionStart start = start("year");
        runner.start(start, definition);
        assertThat(timers.next()).hasValueSatisfying(t -> assertThat(t.dueAt()).isEqualTo(T0.plusSeconds(31536000)));

        timerPoller.start();
        ExecutionRecord done = awaitEnd(start.executionArn());
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.stopDate()).isEqualTo(T0.plusSeconds(31536000));
        assertThat(timers.next()).isEmpty();
    }

    @Test
    void aTaskCommittedButNeverDispatchedRunsOnceAfterARestart() throws InterruptedException {
        String definition = """
                {"StartAt":"T","States":{"T":{"Type":"Task",
                 "Resource":"arn:aws:lambda:us-east-1:123456789012:function:echo","End":true}}}""";
        ExecutionStart start = start("crashed");
        // The process dies between the commit and the dispatch: the pool never runs what it is given.
        TaskDispatcher dead = (executionArn, task) -> { };
        runner(dead).start(start, definition);
        assertThat(executions.outbox()).hasSize(1);

        assertThat(new OutboxRedelivery(executions, tasks).resumeDispatch()).isEqualTo(1);

        assertThat(awaitEnd(start.executionArn()).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(executions.history(start.executionArn())).extracting(e -> e.type().wireName())
                .containsOnlyOnce("LambdaFunctionScheduled", "LambdaFunctionSucceeded");
        assertThat(executions.outbox()).as("settled by the commit that applied the answer").isEmpty();
    }

    @Test
    void activityTasksQueuedBeforeARestartAreQueuedAgainAfterIt() throws InterruptedException {
        String activity = "arn:aws:states:us-east-1:123456789012:activity:work";
        String definition = """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(activity);
        ExecutionStart start = start("queued");
        InMemoryActivityQueue before = new InMemoryActivityQueue();
        runner(dispatcher(new ActivityRouting(before, integrations)))
                .start(start, definition);
        assertThat(before.poll(activity, Duration.ofSeconds(5))).isPresent();

        InMemoryActivityQueue after = new InMemoryActivityQueue();
        new OutboxRedelivery(executions, dispatcher(new ActivityRouting(after, integrations))).resumeDispatch();

        ActivityTask task = after.poll(activity, Duration.ofSeconds(5)).orElseThrow();
        assertThat(task.executionArn()).isEqualTo(start.executionArn());
        assertThat(task.input()).isEqualTo("{\"v\":1}");
    }

    @Test
    void settledAndEndedTasksLeaveTheOutbox() throws InterruptedException {
        String definition = """
                {"StartAt":"T","States":{"T":{"Type":"Task",
                 "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                 "Parameters":{"token.$":"$$.Task.Token"},"End":true}}}""";
        ExecutionStart answered = start("answered");
        ExecutionStart stopped = start("stopped");
        runner.start(answered, definition);
        TaskTokenGrant grant = executions.findTaskToken(tokens.poll(5, TimeUnit.SECONDS)).orElseThrow();
        runner.start(stopped, definition);
        assertThat(executions.outbox()).hasSize(2);

        runner.deliver(answered.executionArn(), new Trigger.TaskSucceeded(grant.ref(), TextNode.valueOf("ok")));
        runner.deliver(stopped.executionArn(), new Trigger.StopRequested("Halt", null));

        assertThat(executions.outbox()).isEmpty();
    }

    @Test
    void aThrowingIntegrationFailsTheTaskAsInMemoryExecutionsDo() throws InterruptedException {
        String definition = """
                {"StartAt":"T","States":{"T":{"Type":"Task",
                 "Resource":"arn:aws:lambda:us-east-1:123456789012:function:throws",
                 "Catch":[{"ErrorEquals":["States.TaskFailed"],"Next":"Caught"}],"End":true},
                 "Caught":{"Type":"Pass","End":true}}}""";
        ExecutionStart start = start("throws");
        runner.start(start, definition);

        ExecutionRecord durable = awaitEnd(start.executionArn());
        ExecutionResult inMemory = new InMemoryRunner(integrations, clock).run(DefinitionParser.parse(definition),
                start("throws-express"));

        assertThat(durable.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(inMemory.state().status).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(durable.state().output).isEqualTo(inMemory.state().output);
    }

    @Test
    void unknownExecutionOrClosedExecutionIgnoresTriggers() {
        assertThat(runner.deliver("arn:aws:states:us-east-1:123456789012:execution:m:none",
                new Trigger.TimerFired("x"))).isFalse();
    }
}
