package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.query.Json;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A Distributed Map's Map Run in the interpreter alone: the commands it issues and the triggers it takes. */
class MapRunStepTest {
    private static final String MAP = """
            {"StartAt":"M","States":{"M":{"Type":"Map",%s"ItemProcessor":{
              "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
              "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}""";

    private static String items(int count) {
        return IntStream.range(0, count).mapToObj(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }

    /** Answers every StartChildren until none is issued; returns how many children were started. */
    private static int startAll(Execution ex, long at) {
        int started = 0;
        List<Command.StartChildren> starts = ex.commands(Command.StartChildren.class);
        while (!starts.isEmpty()) {
            Command.StartChildren start = starts.get(0);
            started += start.children().size();
            ex.apply(new Trigger.TaskSucceeded(start.ref(), Json.MAPPER.createObjectNode()), at);
            starts = ex.commands(Command.StartChildren.class);
        }
        return started;
    }

    private static String runRef(Execution ex) {
        return (ex.state.root.mapRun != null ? ex.state.root.mapRun : ex.state.root.stoppedMapRun).ref;
    }

    @Test
    void withoutMaxConcurrencyAtMostTenThousandChildrenRunAtOnce() {
        Execution ex = Execution.of(MAP.formatted("")).start(items(10_001));

        assertThat(startAll(ex, 1)).isEqualTo(10_000);
        assertThat(ex.state.root.mapRun.running()).isEqualTo(10_000);

        ex.apply(new Trigger.ChildFinished(runRef(ex), 0, ExecutionStatus.SUCCEEDED, null, null), 2);
        List<Command.StartChildren> next = ex.commands(Command.StartChildren.class);
        assertThat(next).singleElement().satisfies(start -> assertThat(start.children())
                .extracting(Command.ChildStart::index).containsExactly(10_000));
    }

    @Test
    void aRedriveRedrivesTheStoppedMapRunAndWaitsOnlyForItsUnsuccessfulChildren() {
        Execution ex = Execution.of(MAP.formatted("")).start("[0,1,2]");
        assertThat(startAll(ex, 1)).isEqualTo(3);
        String mapRunArn = ex.state.root.mapRun.mapRunArn;
        ex.apply(new Trigger.ChildFinished(runRef(ex), 0, ExecutionStatus.SUCCEEDED, null, null), 2);
        ex.apply(new Trigger.ChildFinished(runRef(ex), 1, ExecutionStatus.FAILED, "Boom", "first"), 3);
        assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ex.commands(Command.StopChildren.class)).singleElement()
                .satisfies(stop -> assertThat(stop.indexes()).containsExactly(2));
        ex.apply(new Trigger.ChildFinished(runRef(ex), 2, ExecutionStatus.ABORTED, null, null), 4);

        ex.apply(new Trigger.RedriveRequested(), 10);

        assertThat(ex.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(ex.types()).containsExactly("ExecutionRedriven", "MapRunRedriven");
        assertThat(ex.details("MapRunRedriven").get("mapRunArn").asText()).isEqualTo(mapRunArn);
        assertThat(ex.details("MapRunRedriven").get("redriveCount").asInt()).isEqualTo(1);
        assertThat(ex.commands(Command.RedriveChildren.class)).singleElement().satisfies(redrive -> {
            assertThat(redrive.mapRunArn()).isEqualTo(mapRunArn);
            assertThat(redrive.launched()).isEqualTo(3);
            assertThat(redrive.redriveCount()).isEqualTo(1);
            assertThat(redrive.from()).isZero();
            assertThat(redrive.limit()).isEqualTo(MapRunStep.BATCH);
        });
        assertThat(ex.commands(Command.StartChildren.class)).as("every item went to a child before").isEmpty();
        String redriveRef = ex.commands(Command.RedriveChildren.class).get(0).ref();
        ex.apply(new Trigger.ChildFinished(runRef(ex), 0, ExecutionStatus.SUCCEEDED, null, null), 10);
        assertThat(ex.state.root.mapRun.succeeded).as("child 0's end again, as the redrive re-sends it").isEqualTo(1);

        ex.apply(new Trigger.ChildFinished(runRef(ex), 1, ExecutionStatus.SUCCEEDED, null, null), 11);
        assertThat(ex.commands(Command.CollectResults.class)).as("child 2 has not reported again").isEmpty();
        ex.apply(new Trigger.ChildFinished(runRef(ex), 2, ExecutionStatus.SUCCEEDED, null, null), 12);
        assertThat(ex.commands(Command.CollectResults.class)).as("the redrive has not answered").isEmpty();
        ex.apply(new Trigger.TaskSucceeded(redriveRef, Json.parse("{\"next\": 3}")), 12);
        assertThat(ex.commands(Command.CollectResults.class)).singleElement()
                .satisfies(collect -> assertThat(collect.count()).isEqualTo(3));
        ex.apply(new Trigger.TaskSucceeded(ex.commands(Command.CollectResults.class).get(0).ref(),
                Json.parse("[0,1,2]")), 13);

        assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(ex.historyTypes()).containsOnlyOnce("MapRunStarted").endsWith("ExecutionRedriven",
                "MapRunRedriven", "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded");
    }

    /**
     * A redrive hands the unsuccessful children to batches that fit MaxConcurrency, as the first run launched them:
     * at MaxConcurrency 1 one child at a time, the next batch once the last redriven child reported.
     */
    @Test
    void aRedriveRedrivesTheChildrenInBatchesWithinMaxConcurrency() {
        Execution ex = Execution.of(MAP.formatted("\"MaxConcurrency\":1,\"ToleratedFailureCount\":1,"))
                .start("[0,1,2]");
        for (int index = 0; index < 3; index++) {
            assertThat(startAll(ex, 1 + index)).isEqualTo(1);
            ex.apply(new Trigger.ChildFinished(runRef(ex), index, index == 1 ? ExecutionStatus.SUCCEEDED
                    : ExecutionStatus.FAILED, "Boom", "first"), 1 + index);
        }
        assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);

        ex.apply(new Trigger.RedriveRequested(), 10);

        Command.RedriveChildren first = ex.commands(Command.RedriveChildren.class).get(0);
        assertThat(first.from()).isZero();
        assertThat(first.limit()).as("MaxConcurrency 1").isEqualTo(1);
        ex.apply(new Trigger.TaskSucceeded(first.ref(), Json.parse("{\"next\": 1}")), 11);
        assertThat(ex.commands(Command.RedriveChildren.class)).as("child 0 runs again: no room").isEmpty();
        ex.apply(new Trigger.ChildFinished(runRef(ex), 0, ExecutionStatus.SUCCEEDED, null, null), 12);

        Command.RedriveChildren second = ex.commands(Command.RedriveChildren.class).get(0);
        assertThat(second.from()).isEqualTo(1);
        assertThat(second.limit()).isEqualTo(1);
        assertThat(second.ref()).isNotEqualTo(first.ref());
        ex.apply(new Trigger.TaskSucceeded(second.ref(), Json.parse("{\"next\": 3}")), 13);
        assertThat(ex.commands(Command.RedriveChildren.class)).as("the scan has gone through every child").isEmpty();
        ex.apply(new Trigger.ChildFinished(runRef(ex), 2, ExecutionStatus.SUCCEEDED, null, null), 14);
        ex.apply(new Trigger.TaskSucceeded(ex.commands(Command.CollectResults.class).get(0).ref(),
                Json.parse("[0,1,2]")), 15);

        assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void aRedriveAfterTheFailureWasCaughtStartsNoOldMapRun() {
        Execution ex = Execution.of("""
                {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{
                  "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                  "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
                  "Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"}],"End":true},
                  "F":{"Type":"Fail","Error":"Caught"}}}""").start("[0]");
        startAll(ex, 1);
        ex.apply(new Trigger.ChildFinished(runRef(ex), 0, ExecutionStatus.FAILED, "Boom", "first"), 2);
        assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ex.state.root.stoppedMapRun).as("the branch left the Map state").isNull();

        ex.apply(new Trigger.RedriveRequested(), 10);

        assertThat(ex.types()).doesNotContain("MapRunRedriven");
    }
}
