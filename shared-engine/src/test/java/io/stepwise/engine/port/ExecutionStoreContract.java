package io.stepwise.engine.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.Interpreter;
import io.stepwise.engine.Step;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.state.ExecutionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ExecutionStore} adapter must do; an adapter's test extends this and supplies the store. */
public abstract class ExecutionStoreContract {
    protected static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:m";
    private static final String WAIT_DEFINITION = """
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}""";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private ExecutionStore store;

    /** A new, empty store. */
    protected abstract ExecutionStore createStore();

    @BeforeEach
    void setUp() {
        store = createStore();
    }

    private static Step started(String name, Instant at) {
        ExecutionStart start = new ExecutionStart(MACHINE.replace(":stateMachine:", ":execution:") + ":" + name, name,
                MACHINE, "m", "arn:aws:iam::123456789012:role/r", "us-east-1", "{\"a\":1}", at, 42);
        return new Interpreter(DefinitionParser.parse(WAIT_DEFINITION)).start(start);
    }

    private Step create(String name, Instant at) {
        Step step = started(name, at);
        assertThat(store.create(commitOf(step, 0, List.of()), WAIT_DEFINITION)).isTrue();
        return step;
    }

    private static Commit commitOf(Step step, long expected, List<TaskTokenGrant> tokens) {
        return new Commit(step.state().start.executionArn(), expected, step.state(), step.events(), tokens,
                step.state().start.startTime());
    }

    private static String arn(String name) {
        return MACHINE.replace(":stateMachine:", ":execution:") + ":" + name;
    }

    private static Step finish(ExecutionState state) {
        return new Interpreter(DefinitionParser.parse(WAIT_DEFINITION))
                .applyInPlace(state, new Trigger.StopRequested("E", "C"), T0.plusSeconds(5));
    }

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

        assertThat(store.create(commitOf(started("e1", T0.plusSeconds(1)), 0, List.of()), "{}")).isFalse();
        assertThat(store.load(arn("e1")).orElseThrow().definition()).isEqualTo(WAIT_DEFINITION);
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
        Commit commit = new Commit(arn("e1"), loaded.version(), stop.state(), stop.events(), List.of(),
                T0.plusSeconds(5));

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
    void commitToAnUnknownExecutionIsRefused() {
        Step step = started("ghost", T0);
        assertThat(store.commit(commitOf(step, 1, List.of()))).isFalse();
    }

    @Test
    void historyPagesForwardAndBackward() {
        create("e1", T0);
        ExecutionRecord loaded = store.load(arn("e1")).orElseThrow();
        Step stop = finish(loaded.state());
        store.commit(new Commit(arn("e1"), 1, stop.state(), stop.events(), List.of(), T0));
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
        store.commit(new Commit(arn("e3"), 1, stop.state(), stop.events(), List.of(), T0.plusSeconds(30)));

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
        assertThatThrownBy(() -> store.list(MACHINE, null, 10, "garbage!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.history(arn("e1"), 10, "garbage!", false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void taskTokensAreFoundByTheirValueOnly() {
        Step step = started("e1", T0);
        TaskTokenGrant grant = new TaskTokenGrant("secret-token", arn("e1"), "root#task3");
        store.create(commitOf(step, 0, List.of(grant)), WAIT_DEFINITION);

        assertThat(store.findTaskToken("secret-token")).contains(grant);
        assertThat(store.findTaskToken("secret-token2")).isEmpty();
    }
}
