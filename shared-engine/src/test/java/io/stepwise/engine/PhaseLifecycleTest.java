package io.stepwise.engine;

import static io.stepwise.engine.Execution.T0;
import static io.stepwise.engine.Execution.failed;
import static io.stepwise.engine.Execution.fired;
import static io.stepwise.engine.Execution.startAt;
import static io.stepwise.engine.Execution.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.state.BranchState;
import io.stepwise.engine.state.Phase;
import io.stepwise.engine.state.PhaseLifecycle;
import io.stepwise.engine.state.PhaseTransition;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The branch lifecycle of {@link PhaseLifecycle}: each scenario drives a real execution and asserts what it shows;
 * together they must visit every transition of the table, or the class fails when it ends (Temporal's rule: a
 * transition no test takes is either dead or untested).
 */
class PhaseLifecycleTest {
    private static final String LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:work";
    private static final Set<PhaseTransition> VISITED = java.util.Collections.synchronizedSet(new LinkedHashSet<>());

    private AutoCloseable observing;

    @BeforeEach
    void observe() {
        observing = PhaseLifecycle.observe(VISITED::add);
    }

    @AfterEach
    void stopObserving() throws Exception {
        observing.close();
    }

    /**
     * Transitions the table allows that no trigger reaches today, each with the reason it stays in the table. The
     * list may only shrink: a scenario that visits one fails the class until it is taken off.
     */
    private static final Map<PhaseTransition, String> NOT_YET_REACHABLE = Map.of(
            new PhaseTransition(Phase.ENTERING, Phase.ABORTED),
            "abort() spares a branch that has not entered its state its StateAborted, but every launched child is"
                    + " advanced at once, so no stop finds one; a step bounded by a continuation parks branches"
                    + " there, and its tests must visit this");

    @AfterAll
    static void everyTransitionIsVisited() {
        Set<PhaseTransition> unvisited = new LinkedHashSet<>(PhaseLifecycle.all());
        unvisited.removeAll(VISITED);
        assertThat(unvisited).as("transitions of the phase table that no scenario visits")
                .containsExactlyInAnyOrderElementsOf(NOT_YET_REACHABLE.keySet());
    }

    private static Trigger stop() {
        return new Trigger.StopRequested("Stopped", "by the test");
    }

    @Test
    void aMoveOutsideTheTableIsRefused() {
        BranchState branch = BranchState.create("root", "W", null, 0);
        branch.moveTo(Phase.WAITING);

        assertThatThrownBy(() -> branch.moveTo(Phase.TASK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("branch root in state W cannot move from WAITING to TASK");
    }

    @Test
    void passesMoveOnAndTheLastEndsTheBranch() {
        Execution ex = Execution.of("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "S"}, "S": {"Type": "Succeed"}}}""")
                .start("{}");

        assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void aFailStateFailsTheBranchAndRedriveEntersItAgain() {
        Execution ex = Execution.of("""
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E"}}}""").start("{}");
        assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);

        ex.apply(new Trigger.RedriveRequested(), 1);

        assertThat(ex.historyTypes()).containsSubsequence("ExecutionFailed", "ExecutionRedriven", "FailStateEntered",
                "ExecutionFailed");
    }

    @Test
    void tasksMoveOnAndEnd() {
        Execution ex = Execution.of("""
                {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "%s", "Next": "B"},
                  "B": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(LAMBDA, LAMBDA)).start("{}");
        ex.apply(succeeded(ex.invoke(), "{}"), 1);
        ex.apply(succeeded(ex.invoke(), "{\"done\": 1}"), 2);

        assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void aTaskBacksOffRetriesAndFailsWhenRetriesRunOut() {
        Execution ex = Execution.of("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true,
                  "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1, "IntervalSeconds": 1}]}}}"""
                .formatted(LAMBDA)).start("{}");
        ex.apply(failed(ex.invoke(), "E", "first"), 1);
        ex.apply(fired(ex.timer()), 2);
        ex.apply(failed(ex.invoke(), "E", "second"), 3);

        assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ex.state.error).isEqualTo("E");
    }

    @Test
    void aTaskThatFailsBeforeItRunsIsRetried() {
        Execution ex = Execution.of("""
                {"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s",
                  "Arguments": "{%% 'a' + 1 %%}", "End": true,
                  "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1, "IntervalSeconds": 1}]}}}"""
                .formatted(LAMBDA)).start("{}");

        assertThat(ex.state.root.phase).isEqualTo(Phase.RETRY_BACKOFF);
    }

    @Test
    void waitsMoveOnEndAndFailAtTheirOutput() {
        Execution moving = Execution.of("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "Next": "V"},
                  "V": {"Type": "Wait", "Seconds": 1, "End": true}}}""").start("{}");
        moving.apply(fired(moving.timer()), 1);
        moving.apply(fired(moving.timer()), 2);
        assertThat(moving.status()).isEqualTo(ExecutionStatus.SUCCEEDED);

        Execution failing = Execution.of("""
                {"QueryLanguage": "JSONata", "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1,
                  "Output": "{% 'a' + 1 %}", "End": true}}}""").start("{}");
        failing.apply(fired(failing.timer()), 1);
        assertThat(failing.status()).isEqualTo(ExecutionStatus.FAILED);
    }

    @Test
    void stopAbortsWaitingTasksWaitsBackoffsAndChildren() {
        Execution task = Execution.of("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true,
                  "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 5}]}}}""".formatted(LAMBDA))
                .start("{}");
        task.apply(stop(), 1);
        Execution backoff = Execution.of("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "%s", "End": true,
                  "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 5}]}}}""".formatted(LAMBDA))
                .start("{}");
        backoff.apply(failed(backoff.invoke(), "E", "c"), 1);
        backoff.apply(stop(), 2);
        Execution children = Execution.of("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "W",
                  "States": {"W": {"Type": "Wait", "Seconds": 5, "End": true}}}}}}""").start("[1, 2]");
        children.apply(stop(), 1);

        assertThat(task.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(backoff.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(children.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(children.historyTypes()).contains("MapIterationAborted", "MapStateAborted");
    }

    @Test
    void parallelsMoveOnEndRetryAndFail() {
        Execution ex = Execution.of("""
                {"StartAt": "Par", "States": {
                  "Par": {"Type": "Parallel", "Next": "Again", "Branches": [
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}]},
                  "Again": {"Type": "Parallel", "End": true, "Branches": [
                    {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E"}}},
                    {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "End": true}}}],
                    "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 1, "IntervalSeconds": 1}]}}}""").start("{}");
        ex.apply(fired(ex.timer()), 1);

        assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ex.historyTypes()).containsSubsequence("ParallelStateSucceeded", "ParallelStateEntered",
                "ParallelStateFailed");

        Execution ending = Execution.of("""
                {"StartAt": "Par", "States": {"Par": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}]}}}""").start("{}");
        assertThat(ending.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void redriveReentersAStoppedExecution() {
        Execution ex = Execution.of("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 5, "End": true}}}""").start("{}");
        ex.apply(stop(), 1);
        ex.apply(new Trigger.RedriveRequested(), 2);

        assertThat(ex.status()).isEqualTo(ExecutionStatus.RUNNING);
    }

    /** The history cap takes ExecutionSucceeded's slot: the root succeeded, the execution failed and is redriven. */
    @Test
    void redriveReentersARootThatSucceededWhenTheHistoryCapFailedTheExecution() {
        Interpreter interpreter = new Interpreter(DefinitionParser.parse("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"""), new EngineLimits(4));
        Step started = interpreter.start(startAt(T0, "{}", 42));
        assertThat(started.state().status).isEqualTo(ExecutionStatus.FAILED);
        assertThat(started.state().root.phase).isEqualTo(Phase.SUCCEEDED);

        Step redriven = interpreter.apply(started.state(), new Trigger.RedriveRequested(), T0.plusSeconds(1));

        assertThat(redriven.events()).isNotEmpty();
    }
}
