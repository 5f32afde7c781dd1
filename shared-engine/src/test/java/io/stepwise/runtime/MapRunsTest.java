package io.stepwise.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.StateMachineType;
import io.stepwise.engine.Command;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.port.InMemoryMapRunStore;
import io.stepwise.engine.port.MapRunCounts;
import io.stepwise.engine.port.MapRunRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The counts a Map Run's record reports through DescribeMapRun as its children run, fail and are redriven. */
class MapRunsTest {
    private static final String RUN = "arn:aws:states:us-east-1:123456789012:mapRun:m/M:run";
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private final MapRuns mapRuns = new MapRuns(new InMemoryMapRunStore());

    private MapRunRecord record() {
        return mapRuns.find(RUN).orElseThrow();
    }

    /** Four items at concurrency 3: child 0 succeeds, 1 fails, 2 is aborted with the run, 3 never starts. */
    private void failedRun() {
        mapRuns.started(new Command.StartChildren("s", "r", RUN, "{}", StateMachineType.STANDARD, 4, 3, 0, 0, List.of()),
                "arn:aws:states:us-east-1:123456789012:execution:m:e", "arn:aws:states:us-east-1:123456789012:"
                        + "stateMachine:m", T0);
        mapRuns.childrenStarted(RUN, 3);
        mapRuns.childFinished(RUN, ExecutionStatus.SUCCEEDED);
        mapRuns.childFinished(RUN, ExecutionStatus.FAILED);
        mapRuns.ended(RUN, "FAILED", T0.plusSeconds(1));
        mapRuns.childFinished(RUN, ExecutionStatus.ABORTED);
    }

    @Test
    void aFailedRunCountsItsUnstartedItemsAsAborted() {
        failedRun();

        assertThat(record().status()).isEqualTo("FAILED");
        assertThat(record().executionCounts()).isEqualTo(new MapRunCounts(0, 0, 1, 1, 0, 2));
        assertThat(record().redriveCount()).isZero();
        assertThat(record().resultsWritten()).as("no ResultWriter").isZero();
    }

    @Test
    void aRedriveWaitsForTheUnsuccessfulChildrenThenCountsThemAgain() {
        failedRun();

        mapRuns.redriven(RUN, 1, 3, T0.plusSeconds(5));
        assertThat(record().status()).isEqualTo("RUNNING");
        assertThat(record().stopDate()).isNull();
        assertThat(record().redriveCount()).isEqualTo(1);
        assertThat(record().redriveDate()).isEqualTo(T0.plusSeconds(5));
        assertThat(record().executionCounts()).as("two to redrive, one never started")
                .isEqualTo(new MapRunCounts(1, 0, 1, 0, 0, 0, 2, 0));
        mapRuns.redriven(RUN, 1, 3, T0.plusSeconds(6));
        assertThat(record().redriveDate()).as("a repeated redrive changes nothing").isEqualTo(T0.plusSeconds(5));

        mapRuns.childRedriven(RUN, true);
        mapRuns.childRedriven(RUN, false);
        assertThat(record().executionCounts()).isEqualTo(new MapRunCounts(1, 1, 1, 0, 0, 0, 0, 1));
        assertThat(record().executionCounts().total()).isEqualTo(4);

        mapRuns.childFinished(RUN, ExecutionStatus.SUCCEEDED);
        mapRuns.childrenStarted(RUN, 1);
        mapRuns.childFinished(RUN, ExecutionStatus.SUCCEEDED);
        mapRuns.resultsWritten(RUN, 4);
        mapRuns.ended(RUN, "SUCCEEDED", T0.plusSeconds(9));
        assertThat(record().executionCounts()).isEqualTo(new MapRunCounts(0, 0, 3, 0, 0, 0, 0, 1));
        assertThat(record().resultsWritten()).isEqualTo(4);
        assertThat(record().status()).isEqualTo("SUCCEEDED");
    }
}
