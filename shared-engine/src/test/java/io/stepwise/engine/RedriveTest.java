package io.stepwise.engine;

import static io.stepwise.engine.Execution.failed;
import static io.stepwise.engine.Execution.json;
import static io.stepwise.engine.Execution.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.history.HistoryEvent;
import org.junit.jupiter.api.Test;

class RedriveTest {
    private static final String LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:work";
    private static final String MACHINE = """
            {"StartAt": "Prepare", "TimeoutSeconds": 60, "States": {
              "Prepare": {"Type": "Pass", "Result": {"prepared": true}, "Next": "Work"},
              "Work": {"Type": "Task", "Resource": "%s",
                       "Retry": [{"ErrorEquals": ["Busy"], "MaxAttempts": 1}], "Next": "Done"},
              "Done": {"Type": "Pass", "Parameters": {"redrives.$": "$$.Execution.RedriveCount", "out.$": "$"},
                       "End": true}}}""".formatted(LAMBDA);

    private static Execution failedAtWork() {
        Execution ex = Execution.of(MACHINE).start("{}");
        ex.apply(failed(ex.invoke(), "Boom", "first try"), 1);
        assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        return ex;
    }

    @Test
    void reentersTheFailedStateWithItsInputWithoutRerunningEarlierStates() {
        Execution ex = failedAtWork();

        ex.apply(new Trigger.RedriveRequested(), 100);

        assertThat(ex.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(ex.state.error).isNull();
        assertThat(ex.types()).containsExactly("ExecutionRedriven", "TaskStateEntered", "LambdaFunctionScheduled",
                "LambdaFunctionStarted");
        assertThat(ex.details("ExecutionRedriven").get("redriveCount").asInt()).isEqualTo(1);
        assertThat(ex.invoke().input()).isEqualTo(json("{\"prepared\": true}"));
        HistoryEvent redriven = ex.event("ExecutionRedriven");
        assertThat(redriven.previousEventId()).isEqualTo(redriven.id() - 1);
        assertThat(ex.timer().dueAt()).as("the execution timeout starts over")
                .isEqualTo(Execution.T0.plusSeconds(160));

        ex.apply(succeeded(ex.invoke(), "{\"ok\": 1}"), 101);

        assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(ex.output()).isEqualTo(json("{\"redrives\": 1, \"out\": {\"ok\": 1}}"));
        assertThat(ex.historyTypes()).containsSubsequence("ExecutionFailed", "ExecutionRedriven", "ExecutionSucceeded");
    }

    @Test
    void theRedrivenStateGetsItsRetriesAgain() {
        Execution ex = Execution.of(MACHINE).start("{}");
        ex.apply(failed(ex.invoke(), "Busy", "1"), 1);
        ex.apply(Execution.fired(ex.timer()), 2);
        ex.apply(failed(ex.invoke(), "Busy", "2"), 3);
        assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);

        ex.apply(new Trigger.RedriveRequested(), 10);
        ex.apply(failed(ex.invoke(), "Busy", "3"), 11);

        assertThat(ex.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(ex.commands(Command.StartTimer.class)).hasSize(1);
    }

    @Test
    void anAbortedExecutionIsRedrivableAndASucceededOneIsLeftAlone() {
        Execution aborted = Execution.of(MACHINE).start("{}");
        aborted.apply(new Trigger.StopRequested("Stop", "by test"), 1);
        aborted.apply(new Trigger.RedriveRequested(), 2);
        assertThat(aborted.status()).isEqualTo(ExecutionStatus.RUNNING);

        Execution succeededEx = Execution.of(MACHINE).start("{}");
        succeededEx.apply(succeeded(succeededEx.invoke(), "{}"), 1);
        succeededEx.apply(new Trigger.RedriveRequested(), 2);
        assertThat(succeededEx.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(succeededEx.last.events()).isEmpty();
    }
}
