package io.stepwise.engine.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link MapRunStore} adapter must do. */
public abstract class MapRunStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:m:e";

    private MapRunStore store;

    protected abstract MapRunStore createStore();

    @BeforeEach
    void setUp() {
        store = createStore();
    }

    private static MapRunRecord run(String executionArn, String id, Instant startDate) {
        return new MapRunRecord("arn:aws:states:us-east-1:123456789012:mapRun:m/Map:" + id, executionArn,
                "arn:aws:states:us-east-1:123456789012:stateMachine:m", "RUNNING", startDate, null, 10, 0, 0,
                new MapRunCounts(3, 0, 0, 0, 0, 0), MapRunCounts.NONE);
    }

    @Test
    void aCreatedRunIsFoundAndItsArnIsNotTakenTwice() {
        MapRunRecord run = run(EXECUTION, "a", T0);

        assertThat(store.create(run)).isTrue();
        assertThat(store.create(run(EXECUTION, "a", T0.plusSeconds(1)))).isFalse();
        assertThat(store.find(run.mapRunArn())).contains(run);
        assertThat(store.find(run(EXECUTION, "nope", T0).mapRunArn())).isEmpty();
    }

    @Test
    void anUpdateAppliesOnlyOverTheRunItWasComputedFrom() {
        MapRunRecord run = run(EXECUTION, "a", T0);
        store.create(run);
        MapRunRecord oneRunning = new MapRunRecord(run.mapRunArn(), EXECUTION, run.stateMachineArn(), "RUNNING",
                T0, null, 10, 0, 0, new MapRunCounts(2, 1, 0, 0, 0, 0), new MapRunCounts(0, 1, 0, 0, 0, 0));
        MapRunRecord lostRace = new MapRunRecord(run.mapRunArn(), EXECUTION, run.stateMachineArn(), "ABORTED",
                T0, T0, 10, 0, 0, run.itemCounts(), run.executionCounts());

        assertThat(store.update(run, oneRunning)).isTrue();
        assertThat(store.update(run, lostRace)).isFalse();
        assertThat(store.find(run.mapRunArn())).contains(oneRunning);
        assertThat(oneRunning.itemCounts().total()).isEqualTo(3);
    }

    @Test
    void anExecutionsRunsAreListedNewestFirstInPages() {
        store.create(run(EXECUTION, "old", T0));
        store.create(run(EXECUTION, "new", T0.plusSeconds(5)));
        store.create(run(EXECUTION + "-other", "x", T0.plusSeconds(9)));

        Page<MapRunRecord> first = store.list(EXECUTION, 1, null);
        Page<MapRunRecord> second = store.list(EXECUTION, 1, first.nextToken());

        assertThat(first.items()).extracting(MapRunRecord::mapRunArn).containsExactly(run(EXECUTION, "new", T0)
                .mapRunArn());
        assertThat(second.items()).extracting(MapRunRecord::mapRunArn).containsExactly(run(EXECUTION, "old", T0)
                .mapRunArn());
        assertThat(second.nextToken()).isNull();
        assertThatThrownBy(() -> store.list(EXECUTION + "-other", 1, first.nextToken()))
                .isInstanceOf(InvalidPageToken.class);
    }

    @Test
    void anExpressChildsEndIsKeptOnceAndApartFromTheRunsListing() {
        MapRunRecord run = run(EXECUTION, "x", T0);
        store.create(run);
        String childArn = run.mapRunArn().replace(":mapRun:", ":execution:") + ":1";
        ChildResult first = new ChildResult(childArn, "1", run.stateMachineArn(), "SUCCEEDED", "{\"a\":1}",
                "{\"b\":2}", null, null, T0, T0.plusSeconds(1), 0);
        ChildResult second = new ChildResult(childArn, "1", run.stateMachineArn(), "FAILED", "{\"a\":1}", null,
                "E", "C", T0, T0.plusSeconds(2), 0);

        assertThat(store.childResult(run.mapRunArn(), 1)).isEmpty();
        assertThat(store.putChildResult(run.mapRunArn(), 1, first)).isTrue();
        assertThat(store.putChildResult(run.mapRunArn(), 1, second)).isFalse();

        assertThat(store.childResult(run.mapRunArn(), 1)).contains(first);
        assertThat(store.childResult(run.mapRunArn(), 0)).isEmpty();
        assertThat(store.find(run.mapRunArn())).contains(run);
        assertThat(store.list(EXECUTION, 10, null).items()).containsExactly(run);

        ChildResult redriven = new ChildResult(childArn, "1", run.stateMachineArn(), "SUCCEEDED", "{\"a\":1}",
                "{\"b\":3}", null, null, T0, T0.plusSeconds(3), 1);
        assertThat(store.putChildResult(run.mapRunArn(), 1, redriven)).as("a redrive's end replaces").isTrue();
        assertThat(store.putChildResult(run.mapRunArn(), 1, first)).as("an older attempt's does not").isFalse();
        assertThat(store.childResult(run.mapRunArn(), 1)).contains(redriven);
    }
}
