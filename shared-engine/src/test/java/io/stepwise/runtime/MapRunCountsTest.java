package io.stepwise.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.StateMachineType;
import io.stepwise.engine.Command;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.port.InMemoryMapRunStore;
import io.stepwise.engine.port.MapRunCounts;
import io.stepwise.query.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Map Run record's counts as DescribeMapRun reports them while children start and end. */
class MapRunCountsTest {
    private static final String RUN = "arn:aws:states:us-east-1:123456789012:mapRun:m/Map:r";
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private final MapRuns mapRuns = new MapRuns(new InMemoryMapRunStore());

    private void start(int total, int children) {
        List<Command.ChildStart> batch = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            batch.add(new Command.ChildStart(i, RUN.replace(":mapRun:", ":execution:") + ":" + i, "" + i,
                    Json.MAPPER.nullNode()));
        }
        mapRuns.started(new Command.StartChildren("s1", "r", RUN, "{}", StateMachineType.STANDARD, total, 1000, -1, -1, batch),
                "arn:aws:states:us-east-1:123456789012:execution:m:e",
                "arn:aws:states:us-east-1:123456789012:stateMachine:m", T0);
        mapRuns.childrenStarted(RUN, children);
    }

    private MapRunCounts counts() {
        return mapRuns.find(RUN).orElseThrow().itemCounts();
    }

    @Test
    void itemsFromTheInputArePendingUntilTheirChildStarts() {
        start(5, 2);

        assertThat(counts()).isEqualTo(new MapRunCounts(3, 2, 0, 0, 0, 0));
    }

    @Test
    void anItemReadersItemsAreNeverPendingSoTheTotalIsTheItemsStarted() {
        start(-1, 3);
        for (int i = 0; i < 3; i++) {
            mapRuns.childFinished(RUN, ExecutionStatus.SUCCEEDED);
        }

        assertThat(counts()).isEqualTo(new MapRunCounts(0, 0, 3, 0, 0, 0));
        assertThat(counts().total()).isEqualTo(3);
    }
}
