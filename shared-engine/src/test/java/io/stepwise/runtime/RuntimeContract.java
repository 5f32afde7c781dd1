package io.stepwise.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.ParentLink;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.port.Commit;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.Integration;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.OutboxEntry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.Timer;
import io.stepwise.query.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the runner does over every runtime's adapters (store, transition queue, task dispatcher, timer service):
 * commit before dispatch, stale and duplicate triggers, timers fired late and twice, tasks answered twice, and
 * the recovery sweep of tasks committed but never answered. An adapter set's test extends this and wires them.
 */
public abstract class RuntimeContract {
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:m";
    private static final String ECHO = "arn:aws:lambda:us-east-1:123456789012:function:echo";
    private static final String CALLBACK = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
    /** Fails the first call with the input 1, and echoes every other. */
    private static final String FLAKY = "arn:aws:lambda:us-east-1:123456789012:function:flaky";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String TASK = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}""".formatted(ECHO);
    private static final String CALLBACK_TASK = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s",
             "Parameters":{"token.$":"$$.Task.Token"},"End":true}}}""".formatted(CALLBACK);
    /** A Distributed Map whose children each wait for a callback: the test decides when and in which order they end. */
    private static final String MAP_OF_CALLBACKS = """
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{
             "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
             "StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s",
              "Parameters":{"token.$":"$$.Task.Token"},"End":true}}},"End":true}}}""".formatted(CALLBACK);
    private static final String SYNC_START = "arn:aws:states:::states:startExecution.sync:2";
    /** A Task that runs a child to its end; the child waits for a callback, so the test decides when it ends. */
    private static final String SYNC_TASK = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s",
             "Parameters":{"StateMachineArn":"%s:child","Input":{"n":1}},"End":true}}}""".formatted(SYNC_START, MACHINE);
    private static final String WAIT = """
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"Next":"P"},"P":{"Type":"Pass","End":true}}}""";

    private final VirtualClock clock = new VirtualClock(T0);
    private final LinkedBlockingQueue<String> tokens = new LinkedBlockingQueue<>();
    /** What the echo integration saw of its own execution when called: the commit must precede the call. */
    private final LinkedBlockingQueue<Boolean> committedBeforeCall = new LinkedBlockingQueue<>();
    /** Holds echo calls until released, for tests that need a task in flight. */
    private volatile CountDownLatch echoGate = new CountDownLatch(0);
    private final AtomicBoolean flakyFailed = new AtomicBoolean();
    private RuntimeUnderTest runtime;

    /**
     * A runtime over new, empty storage whose tasks call {@code integrations} and whose timers read
     * {@code clock}.
     */
    protected abstract RuntimeUnderTest start(IntegrationRegistry integrations, Clock clock);

    /** A second runtime, as another instance of a fleet would be, over the storage of {@code first}. */
    protected abstract RuntimeUnderTest startBeside(RuntimeUnderTest first, IntegrationRegistry integrations,
            Clock clock);

    /**
     * Whether the store's conditional writes are atomic when requests race, as DynamoDB's and SQLite's are. Only then
     * can two sweepers never both claim one task; without it a task may be dispatched twice, which is safe (its
     * answer names the attempt and is applied once) but breaks an exact dispatch count.
     */
    protected boolean conditionalWritesAreAtomic() {
        return true;
    }

    @BeforeEach
    void startRuntime() {
        runtime = start(this::integration, clock);
    }

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    private Optional<Integration> integration(String resource) {
        if (resource.equals(ECHO)) {
            return Optional.of(request -> {
                awaitQuietly(echoGate);
                boolean inOutbox = runtime.executions().outbox().stream()
                        .anyMatch(entry -> entry.executionArn().equals(request.executionArn()));
                committedBeforeCall.add(inOutbox);
                return new TaskOutcome.Succeeded(request.input());
            });
        }
        if (resource.equals(SYNC_START)) {
            // Stands in for the API's StartExecution: the child runs on this runtime, linked to the waiting Task.
            return Optional.of(request -> {
                String childArn = request.executionArn() + "-child";
                ExecutionStart child = new ExecutionStart(childArn, "child", MACHINE + ":child", "child",
                        "arn:aws:iam::123456789012:role/r", "us-east-1", "{\"n\":1}", T0, 3, null,
                        ParentLink.ofTask(request.executionArn(), request.ref(), request.resource()));
                runtime.runner().start(child, CALLBACK_TASK);
                return new TaskOutcome.Submitted(SyncTaskResult.submission(childArn, T0));
            });
        }
        if (resource.equals(FLAKY)) {
            return Optional.of(request -> request.input().asInt() == 1 && flakyFailed.compareAndSet(false, true)
                    ? new TaskOutcome.Failed("Flaky", "first call") : new TaskOutcome.Succeeded(request.input()));
        }
        if (resource.equals(CALLBACK)) {
            return Optional.of(request -> {
                tokens.add(request.taskToken());
                return new TaskOutcome.Pending();
            });
        }
        return Optional.empty();
    }

    /** A runner over the same store whose process dies after each commit, before handing anything over. */
    private TransitionRunner committedOnly() {
        return new TransitionRunner(runtime.executions(), clock, (executionArn, task) -> { }, TestTimerServices.none());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ExecutionStart execution(String name) {
        return new ExecutionStart(MACHINE.replace(":stateMachine:", ":execution:") + ":" + name, name, MACHINE,
                "m", "arn:aws:iam::123456789012:role/r", "us-east-1", "{\"v\":1}", T0, 7);
    }

    private ExecutionRecord load(ExecutionStart start) {
        return runtime.executions().load(start.executionArn()).orElseThrow();
    }

    private List<String> historyTypes(ExecutionStart start) {
        return runtime.executions().history(start.executionArn()).stream().map(e -> e.type().wireName()).toList();
    }

    @Test
    void aTaskIsDispatchedOnlyAfterItsStepIsCommitted() throws InterruptedException {
        ExecutionStart start = execution("commit-first");

        assertThat(runtime.runner().start(start, TASK)).isTrue();
        runtime.awaitIdle();

        assertThat(committedBeforeCall.poll(5, TimeUnit.SECONDS)).isTrue();
        assertThat(load(start).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(runtime.executions().outbox()).as("settled by the commit of its answer").isEmpty();
    }

    @Test
    void aTaskDispatchedTwiceIsAnsweredTwiceAndAppliedOnce() throws InterruptedException {
        ExecutionStart start = execution("answered-twice");
        committedOnly().start(start, TASK);
        echoGate = new CountDownLatch(1);

        assertThat(runtime.sweep(Duration.ofDays(1))).isEqualTo(1);
        assertThat(runtime.sweep(Duration.ofDays(1))).as("claimed by the first sweep").isZero();
        assertThat(runtime.sweep(Duration.ofDays(2))).as("that claim ran out too").isEqualTo(1);
        echoGate.countDown();
        runtime.awaitIdle();

        assertThat(load(start).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(historyTypes(start)).containsOnlyOnce("LambdaFunctionSucceeded", "ExecutionSucceeded");
        assertThat(runtime.sweep(Duration.ofDays(3))).as("settled").isZero();
    }

    @Test
    void aDuplicateOrStaleAnswerChangesNothing() throws InterruptedException {
        ExecutionStart start = execution("callback");
        runtime.runner().start(start, CALLBACK_TASK);
        String token = tokens.poll(5, TimeUnit.SECONDS);
        String ref = runtime.executions().findTaskToken(token).orElseThrow().ref();

        assertThat(runtime.runner().deliver(start.executionArn(), new Trigger.TaskSucceeded(ref,
                TextNode.valueOf("done")))).isTrue();
        long version = load(start).version();
        assertThat(runtime.runner().deliver(start.executionArn(), new Trigger.TaskSucceeded(ref,
                TextNode.valueOf("again")))).as("duplicate").isFalse();
        assertThat(runtime.runner().deliver(start.executionArn(), new Trigger.TaskFailed(ref, "E", "C")))
                .as("stale").isFalse();
        runtime.awaitIdle();

        assertThat(load(start).version()).isEqualTo(version);
        assertThat(load(start).state().output.textValue()).isEqualTo("done");
    }

    @Test
    void aCallbackTaskHandedOverIsNotSweptWhileItWaitsForItsAnswer() throws InterruptedException {
        ExecutionStart start = execution("parked");
        runtime.runner().start(start, CALLBACK_TASK);
        String token = tokens.poll(5, TimeUnit.SECONDS);
        runtime.awaitIdle();

        assertThat(runtime.sweep(Duration.ofDays(365))).isZero();
        assertThat(tokens).as("sent once").isEmpty();
        String ref = runtime.executions().findTaskToken(token).orElseThrow().ref();
        assertThat(runtime.runner().deliver(start.executionArn(), new Trigger.TaskSucceeded(ref,
                TextNode.valueOf("done")))).isTrue();
        assertThat(runtime.executions().outbox()).isEmpty();
    }

    @Test
    void twoInstancesFiringTheSameTimersMoveEachExecutionOnce() throws InterruptedException {
        List<ExecutionStart> starts = IntStream.range(0, 20).mapToObj(i -> execution("both-" + i)).toList();
        starts.forEach(start -> runtime.runner().start(start, WAIT));
        clock.advanceTo(T0.plusSeconds(10));

        try (RuntimeUnderTest other = startBeside(runtime, this::integration, clock)) {
            Thread firing = new Thread(other::fireDueTimers);
            firing.start();
            runtime.fireDueTimers();
            firing.join();
            runtime.awaitIdle();
            other.awaitIdle();
        }

        for (ExecutionStart start : starts) {
            assertThat(load(start).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(historyTypes(start)).containsOnlyOnce("WaitStateExited", "ExecutionSucceeded");
        }
        assertThat(runtime.timers().next()).isEmpty();
    }

    @Test
    void twoInstancesSweepingTogetherDispatchEachTaskOnce() throws InterruptedException {
        List<ExecutionStart> starts = IntStream.range(0, 20).mapToObj(i -> execution("swept-" + i)).toList();
        starts.forEach(start -> committedOnly().start(start, TASK));

        int swept;
        try (RuntimeUnderTest other = startBeside(runtime, this::integration, clock)) {
            int[] byOther = new int[1];
            Thread sweeping = new Thread(() -> byOther[0] = other.sweep(Duration.ofDays(1)));
            sweeping.start();
            swept = runtime.sweep(Duration.ofDays(1));
            sweeping.join();
            swept += byOther[0];
            runtime.awaitIdle();
            other.awaitIdle();
        }

        if (conditionalWritesAreAtomic()) {
            assertThat(swept).isEqualTo(starts.size());
        } else {
            assertThat(swept).isBetween(starts.size(), 2 * starts.size());
        }
        for (ExecutionStart start : starts) {
            assertThat(load(start).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(historyTypes(start)).containsOnlyOnce("LambdaFunctionSucceeded");
        }
    }

    @Test
    void aTimerFiredLateAndTwiceMovesTheExecutionOnce() throws InterruptedException {
        ExecutionStart start = execution("late-timer");
        runtime.runner().start(start, WAIT);
        Timer timer = runtime.timers().next().orElseThrow();
        assertThat(timer.dueAt()).isEqualTo(T0.plusSeconds(10));

        runtime.fireDueTimers();
        runtime.awaitIdle();
        assertThat(load(start).status()).as("not due yet").isEqualTo(ExecutionStatus.RUNNING);

        clock.advanceTo(T0.plusSeconds(86_400));
        runtime.fireDueTimers();
        runtime.awaitIdle();
        long version = load(start).version();
        assertThat(runtime.runner().deliver(Delivery.fired(timer))).as("fired again").isFalse();
        runtime.fireDueTimers();
        runtime.awaitIdle();

        assertThat(load(start).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(load(start).version()).isEqualTo(version);
        assertThat(historyTypes(start)).containsOnlyOnce("WaitStateExited", "ExecutionSucceeded");
        assertThat(runtime.timers().next()).as("consumed by the step it answered").isEmpty();
    }

    @Test
    void aFireThatAnswersNothingIsDiscarded() throws InterruptedException {
        ExecutionStart start = execution("stray");
        runtime.runner().start(start, WAIT);
        ExecutionRecord loaded = load(start);
        Timer stray = new Timer(start.executionArn(), "stray", T0);
        runtime.executions().commit(new Commit(start.executionArn(), loaded.version(), loaded.state(), List.of(),
                List.of(), List.of(stray), List.of(), List.of(), List.of(), T0));

        runtime.fireDueTimers();
        runtime.awaitIdle();

        assertThat(runtime.timers().due(T0.plusSeconds(10), 10)).extracting(Timer::ref).doesNotContain("stray")
                .hasSize(1);
        assertThat(load(start).status()).isEqualTo(ExecutionStatus.RUNNING);
    }

    @Test
    void aTaskCommittedButNeverHandedOverIsRecoveredOnce() throws InterruptedException {
        ExecutionStart start = execution("crashed");
        committedOnly().start(start, TASK);
        assertThat(runtime.executions().outbox()).extracting(OutboxEntry::executionArn)
                .containsExactly(start.executionArn());

        assertThat(runtime.sweep(Duration.ZERO)).as("its committer may still be calling it").isZero();
        assertThat(runtime.sweep(Duration.ofDays(1))).isEqualTo(1);
        runtime.awaitIdle();

        assertThat(load(start).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(historyTypes(start)).containsOnlyOnce("LambdaFunctionScheduled", "LambdaFunctionSucceeded");
        assertThat(runtime.executions().outbox()).isEmpty();
    }

    /** A Map Run child's item index, which its link to the parent carries. */
    private int childIndex(String childArn) {
        return runtime.executions().load(childArn).orElseThrow().state().start.parent().index();
    }

    /** The callback tokens of a Map Run's {@code count} children, by the child's item index. */
    private String[] childTokens(int count) throws InterruptedException {
        String[] byIndex = new String[count];
        for (int i = 0; i < count; i++) {
            String token = tokens.poll(10, TimeUnit.SECONDS);
            assertThat(token).as("child token " + i).isNotNull();
            String child = runtime.executions().findTaskToken(token).orElseThrow().executionArn();
            byIndex[childIndex(child)] = token;
        }
        return byIndex;
    }

    private void answer(String token, String output) {
        var grant = runtime.executions().findTaskToken(token).orElseThrow();
        runtime.runner().deliver(grant.executionArn(), new Trigger.TaskSucceeded(grant.ref(), TextNode.valueOf(output)));
    }

    @Test
    void childrenFinishingOutOfOrderGiveTheResultsInItemOrder() throws InterruptedException {
        ExecutionStart start = new ExecutionStart(execution("fan-out").executionArn(), "fan-out", MACHINE, "m",
                "arn:aws:iam::123456789012:role/r", "us-east-1", "[0,1,2]", T0, 7);
        runtime.runner().start(start, MAP_OF_CALLBACKS);
        String[] tokens = childTokens(3);

        answer(tokens[2], "two");
        runtime.awaitIdle();
        answer(tokens[0], "zero");
        runtime.awaitIdle();
        assertThat(load(start).status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(load(start).state().root.mapRun.succeeded).isEqualTo(2);
        answer(tokens[1], "one");
        runtime.awaitIdle();

        assertThat(load(start).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(load(start).state().output.toString()).isEqualTo("[\"zero\",\"one\",\"two\"]");
        assertThat(historyTypes(start)).containsExactly("ExecutionStarted", "MapStateEntered", "MapStateStarted",
                "MapRunStarted", "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded");
        assertThat(runtime.executions().outbox()).as("every start, notice and collection settled").isEmpty();
    }

    @Test
    void expressChildrenRunInMemoryAndLeaveNoExecutionRecords() throws InterruptedException {
        ExecutionStart start = new ExecutionStart(execution("express-map").executionArn(), "express-map", MACHINE,
                "m", "arn:aws:iam::123456789012:role/r", "us-east-1", "[0,1,2,3]", T0, 7);
        runtime.runner().start(start, """
                {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,"ItemProcessor":{
                 "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
                 "StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"v.$":"$"},"End":true}}},"End":true}}}""");
        runtime.awaitIdle();

        assertThat(load(start).status()).isEqualTo(ExecutionStatus.SUCCEEDED);

        assertThat(load(start).state().output.toString()).isEqualTo("[{\"v\":0},{\"v\":1},{\"v\":2},{\"v\":3}]");
        assertThat(historyTypes(start)).containsExactly("ExecutionStarted", "MapStateEntered", "MapStateStarted",
                "MapRunStarted", "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded");
        String mapRunArn = runtime.executions().history(start.executionArn()).stream()
                .filter(e -> e.type().wireName().equals("MapRunStarted")).findFirst().orElseThrow().details()
                .path("mapRunArn").asText();
        assertThat(mapRunArn).contains(":mapRun:");
        for (int index = 0; index < 4; index++) {
            assertThat(runtime.executions().load(ChildExecutions.childArn(mapRunArn, index)))
                    .as("an Express child keeps no execution record").isEmpty();
        }
        assertThat(runtime.executions().outbox()).as("every start and collection settled").isEmpty();
    }

    @Test
    void aRedriveRunsTheFailedExpressChildrenAgain() throws InterruptedException {
        ExecutionStart start = new ExecutionStart(execution("express-redrive").executionArn(), "express-redrive",
                MACHINE, "m", "arn:aws:iam::123456789012:role/r", "us-east-1", "[0,1,2]", T0, 7);
        runtime.runner().start(start, """
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{
                 "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
                 "StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}},"End":true}}}""".formatted(FLAKY));
        runtime.awaitIdle();
        assertThat(load(start).status()).isEqualTo(ExecutionStatus.FAILED);

        assertThat(runtime.runner().deliver(start.executionArn(), new Trigger.RedriveRequested())).isTrue();
        runtime.awaitIdle();

        assertThat(load(start).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(load(start).state().output.toString()).isEqualTo("[0,1,2]");
        assertThat(historyTypes(start)).containsSubsequence("MapRunFailed", "ExecutionRedriven", "MapRunRedriven",
                "MapRunSucceeded", "ExecutionSucceeded");
        assertThat(runtime.executions().outbox()).as("every redrive, start and collection settled").isEmpty();
    }

    @Test
    void aRedriveOfTheParentRedrivesOnlyTheUnsuccessfulChildrenOfItsMapRun() throws InterruptedException {
        ExecutionStart start = new ExecutionStart(execution("map-redrive").executionArn(), "map-redrive", MACHINE,
                "m", "arn:aws:iam::123456789012:role/r", "us-east-1", "[0,1,2]", T0, 7);
        runtime.runner().start(start, MAP_OF_CALLBACKS);
        String[] first = childTokens(3);
        answer(first[0], "zero");
        runtime.awaitIdle();
        var grant = runtime.executions().findTaskToken(first[1]).orElseThrow();
        runtime.runner().deliver(grant.executionArn(), new Trigger.TaskFailed(grant.ref(), "Boom", "first try"));
        runtime.awaitIdle();
        assertThat(load(start).status()).isEqualTo(ExecutionStatus.FAILED);
        String mapRunArn = load(start).state().root.stoppedMapRun.mapRunArn;
        String child2 = ChildExecutions.childArn(mapRunArn, 2);
        assertThat(runtime.executions().load(child2).orElseThrow().status()).as("stopped with the Map Run")
                .isEqualTo(ExecutionStatus.ABORTED);

        assertThat(runtime.runner().deliver(start.executionArn(), new Trigger.RedriveRequested())).isTrue();
        runtime.awaitIdle();
        String[] again = new String[3];
        for (int i = 0; i < 2; i++) {
            String token = tokens.poll(10, TimeUnit.SECONDS);
            assertThat(token).as("redriven child token " + i).isNotNull();
            String child = runtime.executions().findTaskToken(token).orElseThrow().executionArn();
            again[childIndex(child)] = token;
        }
        assertThat(again[0]).as("the succeeded child is not run again").isNull();
        answer(again[1], "one");
        answer(again[2], "two");
        runtime.awaitIdle();

        assertThat(load(start).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(load(start).state().output.toString()).isEqualTo("[\"zero\",\"one\",\"two\"]");
        assertThat(historyTypes(start)).containsExactly("ExecutionStarted", "MapStateEntered", "MapStateStarted",
                "MapRunStarted", "MapRunFailed", "MapStateFailed", "ExecutionFailed", "ExecutionRedriven",
                "MapRunRedriven", "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded");
        assertThat(runtime.executions().load(ChildExecutions.childArn(mapRunArn, 0)).orElseThrow().state()
                .redriveCount).as("child 0 succeeded the first time").isZero();
        for (int index : new int[] {1, 2}) {
            String child = ChildExecutions.childArn(mapRunArn, index);
            assertThat(runtime.executions().load(child).orElseThrow().state().redriveCount).isEqualTo(1);
            assertThat(runtime.executions().history(child).stream().map(e -> e.type().wireName()))
                    .contains("ExecutionRedriven");
        }
        assertThat(load(start).state().root.mapRun).isNull();
        assertThat(runtime.executions().outbox()).as("every redrive, start and notice settled").isEmpty();
    }

    /** A redrive runs the unsuccessful children in batches, never more at once than the Map's MaxConcurrency. */
    @Test
    void aRedriveRunsTheUnsuccessfulChildrenNoMoreAtOnceThanMaxConcurrency() throws InterruptedException {
        ExecutionStart start = new ExecutionStart(execution("bounded-redrive").executionArn(), "bounded-redrive",
                MACHINE, "m", "arn:aws:iam::123456789012:role/r", "us-east-1", "[0,1,2]", T0, 7);
        runtime.runner().start(start, MAP_OF_CALLBACKS.replace("\"Type\":\"Map\",",
                "\"Type\":\"Map\",\"MaxConcurrency\":1,\"ToleratedFailureCount\":1,"));
        for (int i = 0; i < 2; i++) {
            String token = tokens.poll(10, TimeUnit.SECONDS);
            assertThat(token).as("child token " + i).isNotNull();
            var grant = runtime.executions().findTaskToken(token).orElseThrow();
            runtime.runner().deliver(grant.executionArn(), new Trigger.TaskFailed(grant.ref(), "Boom", "first try"));
            runtime.awaitIdle();
        }
        assertThat(load(start).status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(tokens.poll(100, TimeUnit.MILLISECONDS)).as("item 2 never launched").isNull();

        assertThat(runtime.runner().deliver(start.executionArn(), new Trigger.RedriveRequested())).isTrue();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runtime.awaitIdle();
            String token = tokens.poll(10, TimeUnit.SECONDS);
            assertThat(token).as("child token " + i + " after the redrive").isNotNull();
            assertThat(tokens.poll(200, TimeUnit.MILLISECONDS)).as("a second child at once").isNull();
            order.add(childIndex(runtime.executions().findTaskToken(token).orElseThrow().executionArn()));
            answer(token, "r" + order.get(i));
        }
        runtime.awaitIdle();

        assertThat(order).containsExactly(0, 1, 2);
        assertThat(load(start).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(load(start).state().output.toString()).isEqualTo("[\"r0\",\"r1\",\"r2\"]");
        assertThat(runtime.executions().outbox()).as("every redrive batch, start and notice settled").isEmpty();
    }

    @Test
    void aDuplicateOrUnknownChildFinishedChangesNothing() throws InterruptedException {
        ExecutionStart start = new ExecutionStart(execution("duplicate-child").executionArn(), "duplicate-child",
                MACHINE, "m", "arn:aws:iam::123456789012:role/r", "us-east-1", "[0,1]", T0, 7);
        runtime.runner().start(start, MAP_OF_CALLBACKS);
        String[] tokens = childTokens(2);
        answer(tokens[0], "zero");
        runtime.awaitIdle();
        ExecutionRecord before = load(start);
        String ref = before.state().root.mapRun.ref;

        assertThat(runtime.runner().deliver(start.executionArn(), new Trigger.ChildFinished(ref, 0,
                ExecutionStatus.FAILED, "E", "C"))).as("a second notice of child 0").isFalse();
        assertThat(runtime.runner().deliver(start.executionArn(), new Trigger.ChildFinished(ref, 7,
                ExecutionStatus.SUCCEEDED, null, null))).as("a child that was never started").isFalse();
        assertThat(runtime.runner().deliver(start.executionArn(), new Trigger.ChildFinished(ref + "x", 1,
                ExecutionStatus.SUCCEEDED, null, null))).as("another Map Run's child").isFalse();
        assertThat(load(start).version()).isEqualTo(before.version());

        answer(tokens[1], "one");
        runtime.awaitIdle();
        assertThat(load(start).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(load(start).state().output.toString()).isEqualTo("[\"zero\",\"one\"]");
    }

    @Test
    void aChildsEndCommittedButNeverDeliveredReachesItsParentThroughTheSweep() throws InterruptedException {
        ExecutionStart start = new ExecutionStart(execution("lost-notice").executionArn(), "lost-notice", MACHINE,
                "m", "arn:aws:iam::123456789012:role/r", "us-east-1", "[0]", T0, 7);
        runtime.runner().start(start, MAP_OF_CALLBACKS);
        String token = childTokens(1)[0];
        var grant = runtime.executions().findTaskToken(token).orElseThrow();
        runtime.awaitIdle();

        // The child's last step is committed, with the notice for its parent in its outbox; then the process dies.
        assertThat(committedOnly().deliver(grant.executionArn(), new Trigger.TaskSucceeded(grant.ref(),
                TextNode.valueOf("done")))).isTrue();
        assertThat(runtime.executions().load(grant.executionArn()).orElseThrow().status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(load(start).status()).isEqualTo(ExecutionStatus.RUNNING);

        assertThat(runtime.sweep(Duration.ofDays(1))).isPositive();
        runtime.awaitIdle();
        assertThat(runtime.sweep(Duration.ofDays(2))).as("a repeated notice is ignored, then settled").isZero();
        runtime.awaitIdle();

        assertThat(load(start).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(load(start).state().output.toString()).isEqualTo("[\"done\"]");
        assertThat(runtime.executions().outbox()).isEmpty();
    }

    @Test
    void aSyncChildsEndCommittedButNeverDeliveredReachesItsTaskThroughTheSweep() throws InterruptedException {
        ExecutionStart start = execution("sync-parent");
        runtime.runner().start(start, SYNC_TASK);
        String token = tokens.poll(10, TimeUnit.SECONDS);
        assertThat(token).as("the child's callback token").isNotNull();
        var grant = runtime.executions().findTaskToken(token).orElseThrow();
        runtime.awaitIdle();
        assertThat(historyTypes(start)).endsWith("TaskSubmitted");

        // The child's last step is committed, with the notice for its parent in its outbox; then the process dies.
        assertThat(committedOnly().deliver(grant.executionArn(), new Trigger.TaskSucceeded(grant.ref(),
                Json.parse("{\"answer\":42}")))).isTrue();
        assertThat(load(start).status()).isEqualTo(ExecutionStatus.RUNNING);

        assertThat(runtime.sweep(Duration.ofDays(1))).isPositive();
        runtime.awaitIdle();
        assertThat(runtime.sweep(Duration.ofDays(2))).as("a repeated notice is ignored, then settled").isZero();
        runtime.awaitIdle();

        ExecutionRecord parent = load(start);
        assertThat(parent.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(parent.state().output.get("Output")).isEqualTo(Json.parse("{\"answer\":42}"));
        assertThat(parent.state().output.get("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(historyTypes(start)).containsOnlyOnce("TaskSubmitted", "TaskSucceeded");
        long version = parent.version();
        assertThat(runtime.runner().deliver(start.executionArn(), new Trigger.TaskSucceeded(
                grant.ref(), Json.parse("{}")))).as("a late notice").isFalse();
        assertThat(load(start).version()).isEqualTo(version);
        assertThat(runtime.executions().outbox()).isEmpty();
    }
}
