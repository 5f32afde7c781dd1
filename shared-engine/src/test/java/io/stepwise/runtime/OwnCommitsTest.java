package io.stepwise.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.Command;
import io.stepwise.engine.EngineLimits;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.Trigger;
import io.stepwise.engine.port.ExecutionRecord;
import io.stepwise.engine.port.ForwardingExecutionStore;
import io.stepwise.engine.port.InMemoryExecutionStore;
import io.stepwise.engine.port.Timer;
import io.stepwise.query.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A runner that keeps its own commits applies the next answer of a sequential execution without reading the record
 * back, and loses no trigger when the kept record went stale because another process committed meanwhile.
 */
class OwnCommitsTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final String ARN = "arn:aws:states:us-east-1:123456789012:execution:m:e";
    private static final String THREE_TASKS = """
            {"StartAt":"A","States":{
             "A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:a","Next":"B"},
             "B":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:b","Next":"C"},
             "C":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:c","End":true}}}""";

    private final InMemoryExecutionStore stored = new InMemoryExecutionStore();
    private final AtomicInteger loads = new AtomicInteger();
    private final ForwardingExecutionStore counting = new ForwardingExecutionStore(stored) {
        @Override
        public Optional<ExecutionRecord> load(String executionArn) {
            loads.incrementAndGet();
            return super.load(executionArn);
        }
    };
    private final VirtualClock clock = new VirtualClock(T0);
    private final List<Command.InvokeTask> dispatched = new ArrayList<>();
    private final TimerService noTimers = new TimerService() {
        @Override
        public void schedule(List<Timer> started) {
        }

        @Override
        public void discard(Timer fired) {
        }
    };

    private TransitionRunner runner(boolean keepsOwnCommits) {
        return new TransitionRunner(counting, clock, (arn, task) -> dispatched.add(task), noTimers, delivery -> { },
                EngineLimits.AWS, ExecutionLogs.NONE, MapRuns.NONE, keepsOwnCommits);
    }

    private void start(TransitionRunner runner) {
        runner.start(new ExecutionStart(ARN, "e", "arn:aws:states:us-east-1:123456789012:stateMachine:m", "m",
                "arn:aws:iam::123456789012:role/r", "us-east-1", "{}", T0, 1), THREE_TASKS);
    }

    private boolean answerLast(TransitionRunner runner) {
        return answer(runner, dispatched.get(dispatched.size() - 1));
    }

    private static boolean answer(TransitionRunner runner, Command.InvokeTask task) {
        return runner.tryDeliver(Delivery.of(ARN, new Trigger.TaskSucceeded(task.ref(), Json.parse("{}"))));
    }

    /**
     * The worker answers A and keeps its record, waiting for B; another process then answers B. Returns B.
     */
    private Command.InvokeTask answeredElsewhereAfterTheWorkerKeptItsRecord(TransitionRunner worker) {
        start(worker);
        assertThat(answerLast(worker)).isTrue();
        Command.InvokeTask b = dispatched.get(dispatched.size() - 1);
        assertThat(answer(runner(false), b)).isTrue();
        return b;
    }

    @Test
    void theNextAnswerIsAppliedToTheRecordJustCommittedWithoutReadingItBack() {
        TransitionRunner runner = runner(true);
        start(runner);

        assertThat(answerLast(runner)).isTrue();
        assertThat(loads.get()).as("the first answer reads the record").isEqualTo(1);
        assertThat(answerLast(runner)).isTrue();
        assertThat(answerLast(runner)).isTrue();
        assertThat(loads.get()).as("the next ones apply to what this runner committed").isEqualTo(1);
        assertThat(stored.load(ARN).orElseThrow().state().status).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(stored.history(ARN)).last().extracting(e -> e.type().name()).isEqualTo("EXECUTION_SUCCEEDED");
    }

    @Test
    void theRecordAWorkerReadsToCheckItsTaskIsTheOneItsAnswerIsAppliedTo() {
        start(runner(false));
        TransitionRunner worker = runner(true);
        Command.InvokeTask a = dispatched.get(dispatched.size() - 1);

        assertThat(worker.waitsFor(ARN, a.ref())).isTrue();
        assertThat(worker.waitsFor(ARN, "no such task")).isFalse();
        int loadsBefore = loads.get();
        assertThat(answer(worker, a)).isTrue();
        assertThat(loads.get()).as("the answer applied to the record read for the check").isEqualTo(loadsBefore);
    }

    @Test
    void aKeptRecordThatWentStaleLosesNoTrigger() {
        TransitionRunner worker = runner(true);
        Command.InvokeTask b = answeredElsewhereAfterTheWorkerKeptItsRecord(worker);
        Command.InvokeTask c = dispatched.get(dispatched.size() - 1);
        assertThat(c.ref()).isNotEqualTo(b.ref());
        // C's answer reaches the worker, whose kept record knows nothing of C: it must not be dropped.
        assertThat(answer(worker, c)).isTrue();
        assertThat(stored.load(ARN).orElseThrow().state().status).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void aStaleKeptRecordThatWouldStillChangeLosesItsCompareAndSetAndTheStoredOneIsUsed() {
        TransitionRunner worker = runner(true);
        Command.InvokeTask b = answeredElsewhereAfterTheWorkerKeptItsRecord(worker);
        int loadsBefore = loads.get();

        // A duplicate of B's answer: the kept record still waits for B, the stored one no longer does.
        assertThat(answer(worker, b)).as("handled: a no-op on the stored record").isTrue();
        assertThat(loads.get()).as("the stored record was read after the lost compare-and-set")
                .isEqualTo(loadsBefore + 1);
        assertThat(stored.load(ARN).orElseThrow().state().status).isEqualTo(ExecutionStatus.RUNNING);
    }
}
