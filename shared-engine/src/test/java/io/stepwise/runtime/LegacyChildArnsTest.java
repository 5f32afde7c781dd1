package io.stepwise.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.Command;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.MapRunArns;
import io.stepwise.engine.port.InMemoryExecutionStore;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.engine.port.Timer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A database from before children were named as AWS names them keeps a Map Run's children under
 * {@code …/<label>:<run id>:<index>}: collecting the run's results (and stopping or redriving it) still finds them.
 */
class LegacyChildArnsTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final String RUN = "arn:aws:states:us-east-1:123456789012:mapRun:m/Label:6f1c";
    private static final String PARENT = "arn:aws:states:us-east-1:123456789012:execution:m:parent";

    private final InMemoryExecutionStore store = new InMemoryExecutionStore();
    private final VirtualClock clock = new VirtualClock(T0);
    private final ChildExecutions children = new ChildExecutions(resource -> Optional.empty(), store, clock,
            MapRuns.NONE);
    private final TransitionRunner runner = new TransitionRunner(store, clock, (executionArn, task) -> { },
            new TimerService() {
                @Override
                public void schedule(List<Timer> started) {
                }

                @Override
                public void discard(Timer fired) {
                }
            });

    @Test
    void theResultsOfChildrenKeptUnderTheirFormerArnsAreCollected() {
        children.attach(runner);
        String machine = MapRunArns.childMachineArn(RUN);
        for (int index = 0; index < 2; index++) {
            runner.start(new ExecutionStart(MapRunArns.legacyChildArn(RUN, index), String.valueOf(index), machine,
                    "m/Label:6f1c", "arn:aws:iam::123456789012:role/r", "us-east-1", "{\"n\":" + index + "}", T0, 1),
                    "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}");
        }
        assertThat(store.load(MapRunArns.legacyChildArn(RUN, 1)).orElseThrow().status())
                .isEqualTo(ExecutionStatus.SUCCEEDED);

        Command.InvokeTask collect = ChildCommands.asTask(new Command.CollectResults("ref", RUN, 2, null))
                .orElseThrow();
        TaskOutcome outcome = children.find(collect.resource()).orElseThrow().invoke(new TaskRequest(PARENT, null,
                collect.resource(), collect.input(), null, null, null, null));

        assertThat(outcome).isInstanceOf(TaskOutcome.Succeeded.class);
        assertThat(((TaskOutcome.Succeeded) outcome).output().toString()).isEqualTo("[{\"n\":0},{\"n\":1}]");
    }
}
