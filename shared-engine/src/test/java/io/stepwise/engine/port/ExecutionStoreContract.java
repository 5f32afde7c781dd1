package io.stepwise.engine.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static io.stepwise.engine.port.StoreFixtures.MACHINE;
import static io.stepwise.engine.port.StoreFixtures.T0;
import static io.stepwise.engine.port.StoreFixtures.TWO_TASKS_DEFINITION;
import static io.stepwise.engine.port.StoreFixtures.WAIT_DEFINITION;
import static io.stepwise.engine.port.StoreFixtures.arn;
import static io.stepwise.engine.port.StoreFixtures.commit;
import static io.stepwise.engine.port.StoreFixtures.effects;
import static io.stepwise.engine.port.StoreFixtures.finish;
import static io.stepwise.engine.port.StoreFixtures.redrive;
import static io.stepwise.engine.port.StoreFixtures.started;
import static io.stepwise.engine.port.StoreFixtures.startedWithTwoTasks;

import io.stepwise.engine.Command;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.Step;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.query.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ExecutionStore} adapter must do, in one section per role port it implements; an adapter's test
 * extends this and supplies the store and the timer store over the same storage.
 */
public abstract class ExecutionStoreContract {
    private ExecutionStore store;
    private TimerStore timers;

    /** A new, empty store. */
    protected abstract ExecutionStore createStore();

    /** The timer store that sees the timers the store created last commits. */
    protected abstract TimerStore timerStore();

    /**
     * Whether the storage's conditional writes are atomic when requests race, as SQLite's and DynamoDB's are; an
     * emulator that is not (a plain moto) can only be held to "every version has a winner".
     */
    protected boolean conditionalWritesAreAtomic() {
        return true;
    }

    @BeforeEach
    void setUp() {
        store = createStore();
        timers = timerStore();
    }

    private Step create(String name, Instant at) {
        Step step = started(name, at);
        assertThat(store.create(commitOf(step, 0), WAIT_DEFINITION)).isTrue();
        return step;
    }

    private static Commit commitOf(Step step, long expected) {
        return commit(step.state().start.executionArn(), expected, step.state(), step.events(),
                step.state().start.startTime());
    }

    private static Command.InvokeTask task(String ref) {
        return new Command.InvokeTask(ref, "T", "arn:aws:states:us-east-1:123456789012:activity:a",
                Json.parse("{\"n\":1,\"s\":[\"x\"]}"), "token-" + ref, 30, 5,
                Json.parse("{\"RoleArn\":\"arn:aws:iam::123456789012:role/task\"}"), "arn:aws:iam::123456789012:role/machine");
    }

    // ExecutionCommits: create, load and the compare-and-set commit, with every side effect a commit carries.

    @Test
    void createdExecutionLoadsAtVersionOneWithItsStateAndDefinition() {
        Step step = create("e1", T0);

        ExecutionRecord record = store.load(arn("e1")).orElseThrow();

        assertThat(record.version()).isEqualTo(1);
        assertThat(record.definition()).isEqualTo(WAIT_DEFINITION);
        assertThat(record.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(record.name()).isEqualTo("e1");
        assertThat(record.startDate()).isEqualTo(T0);
        assertThat(record.stopDate()).isNull();
        assertThat(record.state().nextEventId).isEqualTo(step.state().nextEventId);
        assertThat(record.state().formatVersion).isEqualTo(ExecutionState.FORMAT_VERSION);
        assertThat(store.history(arn("e1"))).isEqualTo(step.events());
    }

    @Test
    void creatingAnExistingExecutionChangesNothing() {
        create("e1", T0);

        Step again = started("e1", T0.plusSeconds(1));
        Commit withEffects = new Commit(arn("e1"), 0, again.state(), again.events(),
                List.of(new TaskTokenGrant("t2", arn("e1"), "r2")), List.of(new Timer(arn("e1"), "w2", T0)),
                List.of(), List.of(task("r2")), List.of(), T0);

        assertThat(store.create(withEffects, "{}")).isFalse();
        assertThat(store.load(arn("e1")).orElseThrow().definition()).isEqualTo(WAIT_DEFINITION);
        assertThat(store.findTaskToken("t2")).isEmpty();
        assertThat(timers.next()).isEmpty();
        assertThat(store.outbox()).isEmpty();
    }

    @Test
    void unknownExecutionIsEmpty() {
        assertThat(store.load(arn("nope"))).isEmpty();
    }

    @Test
    void commitAppliesOnlyAtTheExpectedVersion() {
        create("e1", T0);
        ExecutionRecord loaded = store.load(arn("e1")).orElseThrow();
        Step stop = finish(loaded.state());
        Commit commit = commit(arn("e1"), loaded.version(), stop.state(), stop.events(), T0.plusSeconds(5));

        assertThat(store.commit(commit)).isTrue();
        assertThat(store.commit(commit)).as("a stale version is refused").isFalse();

        ExecutionRecord after = store.load(arn("e1")).orElseThrow();
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(after.stopDate()).isEqualTo(T0.plusSeconds(5));
        List<HistoryEvent> expected = new ArrayList<>(started("e1", T0).events());
        expected.addAll(stop.events());
        assertThat(store.history(arn("e1"))).extracting(HistoryEvent::type)
                .isEqualTo(expected.stream().map(HistoryEvent::type).toList());
    }

    @Test
    void ofWritersRacingForOneVersionExactlyOneWinsAndOnlyItsSideEffectsAreStored() throws Exception {
        create("e1", T0);
        int writers = 8;
        int rounds = 5;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int r = 0; r < rounds; r++) {
                int round = r;
                ExecutionRecord loaded = store.load(arn("e1")).orElseThrow();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> attempts = new ArrayList<>();
                for (int writer = 0; writer < writers; writer++) {
                    String token = "t" + round + "-" + writer;
                    Commit commit = effects(loaded, List.of(new TaskTokenGrant(token, arn("e1"), "r" + round)),
                            List.of(), List.of(), List.of(), List.of());
                    attempts.add(pool.submit(() -> {
                        go.await();
                        return store.commit(commit);
                    }));
                }
                go.countDown();
                List<String> won = new ArrayList<>();
                for (int writer = 0; writer < writers; writer++) {
                    if (attempts.get(writer).get()) {
                        won.add("t" + round + "-" + writer);
                    }
                }
                List<String> stored = LongStream.range(0, writers).mapToObj(w -> "t" + round + "-" + w)
                        .filter(token -> store.findTaskToken(token).isPresent()).toList();

                assertThat(won).as("round %d", round).isNotEmpty();
                assertThat(stored).as("the tokens stored in round %d are the winners'", round).isEqualTo(won);
                if (conditionalWritesAreAtomic()) {
                    assertThat(won).as("one winner in round %d", round).hasSize(1);
                    assertThat(store.load(arn("e1")).orElseThrow().version()).isEqualTo(loaded.version() + 1);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void commitToAnUnknownExecutionIsRefused() {
        Step step = started("ghost", T0);
        assertThat(store.commit(commitOf(step, 1))).isFalse();
    }

    @Test
    void aRefusedCommitStoresNoneOfItsSideEffects() {
        Step step = started("e1", T0);
        store.create(new Commit(arn("e1"), 0, step.state(), step.events(), List.of(), List.of(), List.of(),
                List.of(task("a")), List.of(), T0), WAIT_DEFINITION);
        ExecutionRecord loaded = store.load(arn("e1")).orElseThrow();
        ExecutionRecord stale = new ExecutionRecord(loaded.state(), loaded.definition(), loaded.version() - 1, null,
                null);

        boolean committed = store.commit(effects(stale, List.of(new TaskTokenGrant("t", arn("e1"), "b")),
                List.of(new Timer(arn("e1"), "w", T0)), List.of(), List.of(task("b")), List.of("a")));

        assertThat(committed).isFalse();
        assertThat(store.findTaskToken("t")).isEmpty();
        assertThat(timers.next()).isEmpty();
        assertThat(store.outbox()).containsExactly(new OutboxEntry(arn("e1"), task("a")));
        assertThat(store.load(arn("e1")).orElseThrow().version()).isEqualTo(loaded.version());
    }

    @Test
    void timersStartAndStopWithTheCommitsThatAskForThem() {
        Step step = started("e1", T0);
        Timer wait = new Timer(arn("e1"), "wait", T0.plusSeconds(10));
        Timer timeout = new Timer(arn("e1"), "timeout", T0.plusSeconds(99));
        store.create(new Commit(arn("e1"), 0, step.state(), step.events(), List.of(), List.of(wait, timeout),
                List.of(), List.of(), List.of(), T0), WAIT_DEFINITION);
        assertThat(timers.due(T0.plusSeconds(100), 10)).containsExactly(wait, timeout);

        Timer backoff = new Timer(arn("e1"), "backoff", T0.plusSeconds(20));
        Timer laterTimeout = new Timer(arn("e1"), "timeout", T0.plusSeconds(200));
        assertThat(store.commit(effects(store.load(arn("e1")).orElseThrow(), List.of(),
                List.of(backoff, laterTimeout), List.of("wait"), List.of(), List.of()))).isTrue();

        assertThat(timers.due(T0.plusSeconds(1000), 10)).containsExactly(backoff, laterTimeout);
    }

    @Test
    void aCommitConsumesTheTimerItsStepAnswersOnlyAtTheSameDueTime() {
        Step step = started("e1", T0);
        Timer wait = new Timer(arn("e1"), "wait", T0.plusSeconds(10));
        Timer heartbeat = new Timer(arn("e1"), "hb", T0.plusSeconds(10));
        store.create(new Commit(arn("e1"), 0, step.state(), step.events(), List.of(), List.of(wait, heartbeat),
                List.of(), List.of(), List.of(), T0), WAIT_DEFINITION);
        ExecutionRecord loaded = store.load(arn("e1")).orElseThrow();
        Timer staleFire = new Timer(arn("e1"), "wait", T0.plusSeconds(5));
        Timer nextHeartbeat = new Timer(arn("e1"), "hb", T0.plusSeconds(20));

        Commit consuming = new Commit(arn("e1"), loaded.version(), loaded.state(), List.of(), List.of(),
                List.of(nextHeartbeat), List.of(), List.of(), List.of(), T0, List.of(staleFire, heartbeat));

        assertThat(store.commit(consuming)).isTrue();
        assertThat(timers.due(T0.plusSeconds(1000), 10)).as("a fire of another due time consumes nothing; the"
                + " fired heartbeat's ref started again keeps its new due time").containsExactly(wait, nextHeartbeat);
    }

    @Test
    void aRefusedCommitLeavesTheTimerItWouldConsume() {
        Step step = started("e1", T0);
        Timer wait = new Timer(arn("e1"), "wait", T0.plusSeconds(10));
        store.create(new Commit(arn("e1"), 0, step.state(), step.events(), List.of(), List.of(wait),
                List.of(), List.of(), List.of(), T0), WAIT_DEFINITION);
        ExecutionRecord loaded = store.load(arn("e1")).orElseThrow();

        Commit stale = new Commit(arn("e1"), loaded.version() + 1, loaded.state(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), T0, List.of(wait));

        assertThat(store.commit(stale)).isFalse();
        assertThat(timers.next()).contains(wait);
    }

    @Test
    void theRedriveDateIsTheLastRedriveAndOutlivesLaterCommits() {
        create("e1", T0);
        ExecutionRecord running = store.load(arn("e1")).orElseThrow();
        assertThat(running.redriveDate()).isNull();
        Step stopped = finish(running.state());
        assertThat(store.commit(commit(arn("e1"), running.version(), stopped.state(), stopped.events(),
                T0.plusSeconds(5)))).isTrue();

        ExecutionRecord closed = store.load(arn("e1")).orElseThrow();
        Instant redrivenAt = T0.plusSeconds(60);
        Step redriven = redrive(closed.state(), redrivenAt);
        assertThat(store.commit(commit(arn("e1"), closed.version(), redriven.state(), redriven.events(),
                redrivenAt))).isTrue();
        ExecutionRecord reopened = store.load(arn("e1")).orElseThrow();
        assertThat(reopened.redriveDate()).isEqualTo(redrivenAt);

        // A commit without a redrive, while running (a store may serve the next load from a cache) and at the end.
        assertThat(store.commit(effects(reopened, List.of(), List.of(), List.of(), List.of(), List.of()))).isTrue();
        ExecutionRecord later = store.load(arn("e1")).orElseThrow();
        assertThat(later.redriveDate()).isEqualTo(redrivenAt);
        Step stoppedAgain = finish(later.state());
        assertThat(store.commit(commit(arn("e1"), later.version(), stoppedAgain.state(), stoppedAgain.events(),
                T0.plusSeconds(90)))).isTrue();
        assertThat(store.load(arn("e1")).orElseThrow().redriveDate()).isEqualTo(redrivenAt);
        // ListExecutions shows it without loading each execution.
        assertThat(store.list(MACHINE, null, 10, null).items()).singleElement()
                .extracting(ExecutionSummary::redriveDate).isEqualTo(redrivenAt);
    }

    // ExecutionQueries: execution and history pages.

    @Test
    void historyPagesForwardAndBackward() {
        create("e1", T0);
        ExecutionRecord loaded = store.load(arn("e1")).orElseThrow();
        Step stop = finish(loaded.state());
        store.commit(commit(arn("e1"), 1, stop.state(), stop.events(), T0));
        List<Long> all = store.history(arn("e1")).stream().map(HistoryEvent::id).toList();
        assertThat(all).isEqualTo(LongStream.rangeClosed(1, all.size()).boxed().toList());

        List<Long> forward = new ArrayList<>();
        String token = null;
        do {
            Page<HistoryEvent> page = store.history(arn("e1"), 2, token, false);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(e -> forward.add(e.id()));
            token = page.nextToken();
        } while (token != null);
        assertThat(forward).isEqualTo(all);

        Page<HistoryEvent> newest = store.history(arn("e1"), 1, null, true);
        assertThat(newest.items()).extracting(HistoryEvent::id).containsExactly((long) all.size());
        Page<HistoryEvent> next = store.history(arn("e1"), 1, newest.nextToken(), true);
        assertThat(next.items()).extracting(HistoryEvent::id).containsExactly((long) all.size() - 1);
    }

    @Test
    void listFiltersByStatusAndPagesNewestFirst() {
        for (int i = 0; i < 5; i++) {
            create("e" + i, T0.plusSeconds(i));
        }
        ExecutionRecord e3 = store.load(arn("e3")).orElseThrow();
        Step stop = finish(e3.state());
        store.commit(commit(arn("e3"), 1, stop.state(), stop.events(), T0.plusSeconds(30)));

        List<String> names = new ArrayList<>();
        String token = null;
        do {
            Page<ExecutionSummary> page = store.list(MACHINE, null, 2, token);
            page.items().forEach(s -> names.add(s.name()));
            token = page.nextToken();
        } while (token != null);
        assertThat(names).containsExactly("e4", "e3", "e2", "e1", "e0");

        Page<ExecutionSummary> aborted = store.list(MACHINE, ExecutionStatus.ABORTED, 10, null);
        assertThat(aborted.items()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("e3");
            assertThat(s.stopDate()).isEqualTo(T0.plusSeconds(30));
        });
        assertThat(aborted.nextToken()).isNull();
        assertThat(store.list(MACHINE + "x", null, 10, null).items()).isEmpty();
    }

    @Test
    void foreignNextTokensAreRejected() {
        create("e1", T0);
        assertThatThrownBy(() -> store.list(MACHINE, null, 10, "garbage!")).isInstanceOf(InvalidPageToken.class);
        assertThatThrownBy(() -> store.history(arn("e1"), 10, "garbage!", false))
                .isInstanceOf(InvalidPageToken.class);
    }

    // TaskOutbox: unsettled tasks and their claims.

    @Test
    void outboxKeepsEachTaskInCommitOrderUntilACommitSettlesIt() {
        Step first = started("e1", T0);
        store.create(new Commit(arn("e1"), 0, first.state(), first.events(), List.of(), List.of(), List.of(),
                List.of(task("a")), List.of(), T0), WAIT_DEFINITION);
        Step second = started("e2", T0);
        store.create(new Commit(arn("e2"), 0, second.state(), second.events(), List.of(), List.of(), List.of(),
                List.of(task("b")), List.of(), T0), WAIT_DEFINITION);
        store.commit(effects(store.load(arn("e1")).orElseThrow(), List.of(), List.of(), List.of(),
                List.of(task("c")), List.of()));

        assertThat(store.outbox()).containsExactly(new OutboxEntry(arn("e1"), task("a")),
                new OutboxEntry(arn("e2"), task("b")), new OutboxEntry(arn("e1"), task("c")));

        store.commit(effects(store.load(arn("e1")).orElseThrow(), List.of(), List.of(), List.of(), List.of(),
                List.of("a", "c")));
        assertThat(store.outbox()).containsExactly(new OutboxEntry(arn("e2"), task("b")));
    }

    @Test
    void aSweepClaimsOnlyTasksWhoseClaimRanOutAndEachOnlyOnce() {
        Instant wallNow = Instant.now();
        // Executions that wait for the tasks: a store may drop, rather than dispatch, a task nothing waits for.
        Step first = startedWithTwoTasks("e1", T0);
        List<Command.InvokeTask> firstTasks = tasksOf(first);
        store.create(new Commit(arn("e1"), 0, first.state(), first.events(), List.of(), List.of(), List.of(),
                firstTasks, List.of(), T0), TWO_TASKS_DEFINITION);
        Step second = startedWithTwoTasks("e2", T0);
        Command.InvokeTask c = tasksOf(second).get(0);
        store.create(new Commit(arn("e2"), 0, second.state(), second.events(), List.of(), List.of(), List.of(),
                List.of(c), List.of(), T0), TWO_TASKS_DEFINITION);
        Instant later = wallNow.plusSeconds(3_600);

        assertThat(store.claimOutbox(wallNow, wallNow.plusSeconds(60), 10)).as("held by their committer").isEmpty();
        assertThat(store.claimOutbox(later, later.plusSeconds(60), 2)).containsExactly(
                new OutboxEntry(arn("e1"), firstTasks.get(0)), new OutboxEntry(arn("e1"), firstTasks.get(1)));
        assertThat(store.claimOutbox(later, later.plusSeconds(60), 10)).as("claimed by the sweep above")
                .containsExactly(new OutboxEntry(arn("e2"), c));

        store.claim(arn("e1"), firstTasks.get(0).ref(), later.plusSeconds(7_200));
        store.commit(effects(store.load(arn("e2")).orElseThrow(), List.of(), List.of(), List.of(), List.of(),
                List.of(c.ref())));
        Instant muchLater = later.plusSeconds(3_600);
        assertThat(store.claimOutbox(muchLater, muchLater.plusSeconds(60), 10)).as("a held longer, c settled")
                .containsExactly(new OutboxEntry(arn("e1"), firstTasks.get(1)));
    }

    private static List<Command.InvokeTask> tasksOf(Step step) {
        List<Command.InvokeTask> tasks = step.commands().stream().filter(Command.InvokeTask.class::isInstance)
                .map(Command.InvokeTask.class::cast).toList();
        assertThat(tasks).hasSize(2);
        return tasks;
    }

    // TaskTokenLookup: the task a token answers.

    @Test
    void taskTokensAreFoundByTheirValueOnly() {
        Step step = started("e1", T0);
        TaskTokenGrant grant = new TaskTokenGrant("secret-token", arn("e1"), "root#task3");
        store.create(new Commit(arn("e1"), 0, step.state(), step.events(), List.of(grant), List.of(), List.of(),
                List.of(), List.of(), T0), WAIT_DEFINITION);

        assertThat(store.findTaskToken("secret-token")).contains(grant);
        assertThat(store.findTaskToken("secret-token2")).isEmpty();
    }
}
