package io.stepwise.engine;

import static io.stepwise.engine.Execution.T0;
import static io.stepwise.engine.Execution.failed;
import static io.stepwise.engine.Execution.fired;
import static io.stepwise.engine.Execution.json;
import static io.stepwise.engine.Execution.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.query.Json;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InterpreterTest {

    private static final String LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:work";
    private static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";

    /** A one-state machine around {@code stateJson}, which must end the execution. */
    private static Execution single(String stateJson) {
        return Execution.of("""
                {"StartAt": "S", "States": {"S": %s}}""".formatted(stateJson));
    }

    private static String task(String resource, String extra) {
        return """
                {"Type": "Task", "Resource": "%s", %s "End": true}""".formatted(resource, extra);
    }

    @Nested
    class Pass {
        @Test
        void resultReplacesTheInputAndTheExecutionSucceeds() {
            Execution ex = single("""
                    {"Type": "Pass", "Result": {"x": 1}, "End": true}""").start("{\"in\": true}");

            assertThat(ex.types()).containsExactly(
                    "ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
            assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(ex.output()).isEqualTo(json("{\"x\": 1}"));
            assertThat(ex.details("PassStateEntered").get("input").asText()).isEqualTo("{\"in\":true}");
            assertThat(ex.details("PassStateExited").get("name").asText()).isEqualTo("S");
            assertThat(ex.last.commands()).noneMatch(c -> c instanceof Command.InvokeTask
                    || c instanceof Command.StartTimer);
        }

        @Test
        void historyEventsAreNumberedAndChainedAsAwsDoes() {
            // AWS: the first state entered names 0, not ExecutionStarted, as its previous event.
            Execution ex = single("""
                    {"Type": "Pass", "End": true}""").start("{}");

            assertThat(ex.history).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L);
            assertThat(ex.history).extracting(HistoryEvent::previousEventId).containsExactly(0L, 0L, 2L, 3L);
            assertThat(ex.history).extracting(HistoryEvent::timestamp).containsOnly(T0);
        }

        @Test
        void parametersReadTheInputAndTheContextObject() {
            Execution ex = single("""
                    {"Type": "Pass", "Parameters": {"a.$": "$.n", "fixed": "v", "name.$": "$$.State.Name",
                     "exec.$": "$$.Execution.Name"}, "End": true}""").start("{\"n\": 7}");

            assertThat(ex.output()).isEqualTo(json("{\"a\": 7, \"fixed\": \"v\", \"name\": \"S\", \"exec\": \"run-1\"}"));
        }

        @Test
        void resultPathNestsTheResultCreatingMissingObjects() {
            Execution ex = single("""
                    {"Type": "Pass", "Result": 5, "ResultPath": "$.a.b.c", "End": true}""").start("{\"k\": 1}");

            assertThat(ex.output()).isEqualTo(json("{\"k\": 1, \"a\": {\"b\": {\"c\": 5}}}"));
        }

        @Test
        void resultPathNullKeepsTheInput() {
            Execution ex = single("""
                    {"Type": "Pass", "Result": 5, "ResultPath": null, "End": true}""").start("{\"k\": 1}");

            assertThat(ex.output()).isEqualTo(json("{\"k\": 1}"));
        }

        @Test
        void resultPathIntoANonObjectInputIsAResultPathMatchFailure() {
            Execution ex = single("""
                    {"Type": "Pass", "Result": 5, "ResultPath": "$.a", "End": true}""").start("[1, 2]");

            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(ex.state.error).isEqualTo("States.ResultPathMatchFailure");
        }

        @Test
        void outputPathSelectsFromTheMergedOutput() {
            Execution ex = single("""
                    {"Type": "Pass", "Result": {"x": [1, 2]}, "ResultPath": "$.r", "OutputPath": "$.r.x",
                     "End": true}""").start("{\"k\": 1}");

            assertThat(ex.output()).isEqualTo(json("[1, 2]"));
        }

        @Test
        void inputPathNullGivesAnEmptyObject() {
            Execution ex = single("""
                    {"Type": "Pass", "InputPath": null, "End": true}""").start("{\"k\": 1}");

            assertThat(ex.output()).isEqualTo(json("{}"));
        }

        @Test
        void inputPathSelectsTheEffectiveInput() {
            Execution ex = single("""
                    {"Type": "Pass", "InputPath": "$.inner", "End": true}""").start("{\"inner\": {\"z\": 3}}");

            assertThat(ex.output()).isEqualTo(json("{\"z\": 3}"));
        }

        @Test
        void outputPathThatSelectsNothingFailsWithStatesRuntime() {
            Execution ex = single("""
                    {"Type": "Pass", "OutputPath": "$.missing", "End": true}""").start("{}");

            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(ex.state.error).isEqualTo("States.Runtime");
            assertThat(ex.historyTypes()).containsExactly("ExecutionStarted", "PassStateEntered", "ExecutionFailed");
        }

        @Test
        void statesRunInOrderThroughNext() {
            Execution ex = Execution.of("""
                    {"StartAt": "A", "States": {
                      "A": {"Type": "Pass", "Result": 1, "ResultPath": "$.a", "Next": "B"},
                      "B": {"Type": "Pass", "Result": 2, "ResultPath": "$.b", "End": true}}}""").start("{}");

            assertThat(ex.types()).containsExactly("ExecutionStarted", "PassStateEntered", "PassStateExited",
                    "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
            assertThat(ex.output()).isEqualTo(json("{\"a\": 1, \"b\": 2}"));
        }
    }

    @Nested
    class Choice {
        private static final String MACHINE = """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [
                          {"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big"}],
                        "Default": "Small"},
                  "Big": {"Type": "Pass", "Result": "big", "End": true},
                  "Small": {"Type": "Pass", "Result": "small", "End": true}}}""";

        @Test
        void aMatchingRuleChoosesItsNext() {
            Execution ex = Execution.of(MACHINE).start("{\"n\": 11}");

            assertThat(ex.output()).isEqualTo(json("\"big\""));
            assertThat(ex.types()).containsExactly("ExecutionStarted", "ChoiceStateEntered", "ChoiceStateExited",
                    "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
        }

        @Test
        void noMatchingRuleTakesTheDefault() {
            Execution ex = Execution.of(MACHINE).start("{\"n\": 3}");

            assertThat(ex.output()).isEqualTo(json("\"small\""));
        }

        @Test
        void noMatchAndNoDefaultFailsWithNoChoiceMatched() {
            Execution ex = Execution.of("""
                    {"StartAt": "C", "States": {
                      "C": {"Type": "Choice", "Choices": [
                              {"Variable": "$.n", "NumericEquals": 1, "Next": "Done"}]},
                      "Done": {"Type": "Succeed"}}}""").start("{\"n\": 2}");

            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(ex.types()).containsExactly("ExecutionStarted", "ChoiceStateEntered", "ExecutionFailed");
            assertThat(ex.details("ExecutionFailed").get("error").asText()).isEqualTo("States.NoChoiceMatched");
        }

        @Test
        void outputPathAppliesToTheChoiceOutput() {
            Execution ex = Execution.of("""
                    {"StartAt": "C", "States": {
                      "C": {"Type": "Choice", "OutputPath": "$.keep", "Choices": [
                              {"Variable": "$.n", "NumericEquals": 1, "Next": "Done"}]},
                      "Done": {"Type": "Succeed"}}}""").start("{\"n\": 1, \"keep\": {\"a\": 1}}");

            assertThat(ex.output()).isEqualTo(json("{\"a\": 1}"));
        }
    }

    @Nested
    class Wait {
        @Test
        void secondsStartsATimerDueAtNowPlusSeconds() {
            Execution ex = single("""
                    {"Type": "Wait", "Seconds": 30, "End": true}""").start("{\"a\": 1}");

            assertThat(ex.types()).containsExactly("ExecutionStarted", "WaitStateEntered");
            assertThat(ex.timer().dueAt()).isEqualTo(T0.plusSeconds(30));
            assertThat(ex.status()).isEqualTo(ExecutionStatus.RUNNING);
        }

        @Test
        void theTimerFiringExitsTheWait() {
            Execution ex = single("""
                    {"Type": "Wait", "Seconds": 30, "End": true}""").start("{\"a\": 1}");

            ex.apply(fired(ex.timer()), 30);

            assertThat(ex.types()).containsExactly("WaitStateExited", "ExecutionSucceeded");
            assertThat(ex.event("WaitStateExited").timestamp()).isEqualTo(T0.plusSeconds(30));
            assertThat(ex.output()).isEqualTo(json("{\"a\": 1}"));
        }

        @Test
        void aTimestampInThePastExitsAtOnce() {
            Execution ex = single("""
                    {"Type": "Wait", "Timestamp": "2000-01-01T00:00:00Z", "End": true}""").start("{}");

            assertThat(ex.types()).containsExactly(
                    "ExecutionStarted", "WaitStateEntered", "WaitStateExited", "ExecutionSucceeded");
            assertThat(ex.timers()).isEmpty();
        }

        @Test
        void aFutureTimestampIsTheTimersDueTime() {
            Execution ex = single("""
                    {"Type": "Wait", "Timestamp": "2024-03-02T00:00:00+02:00", "End": true}""").start("{}");

            assertThat(ex.timer().dueAt()).isEqualTo(java.time.Instant.parse("2024-03-01T22:00:00Z"));
        }

        @Test
        void secondsPathReadsTheInput() {
            Execution ex = single("""
                    {"Type": "Wait", "SecondsPath": "$.s", "End": true}""").start("{\"s\": 5}");

            assertThat(ex.timer().dueAt()).isEqualTo(T0.plusSeconds(5));
        }

        @Test
        void secondsPathToANegativeNumberFailsWithStatesRuntime() {
            Execution ex = single("""
                    {"Type": "Wait", "SecondsPath": "$.s", "End": true}""").start("{\"s\": -1}");

            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(ex.details("ExecutionFailed").get("error").asText()).isEqualTo("States.Runtime");
            assertThat(ex.details("ExecutionFailed").get("cause").asText()).contains("negative value");
        }

        @Test
        void secondsPathToANonIntegerFailsWithStatesRuntime() {
            Execution ex = single("""
                    {"Type": "Wait", "SecondsPath": "$.s", "End": true}""").start("{\"s\": \"ten\"}");

            assertThat(ex.state.error).isEqualTo("States.Runtime");
            assertThat(ex.timers()).isEmpty();
        }

        @Test
        void secondsPathToAMissingFieldFailsWithStatesRuntime() {
            Execution ex = single("""
                    {"Type": "Wait", "SecondsPath": "$.s", "End": true}""").start("{}");

            assertThat(ex.state.error).isEqualTo("States.Runtime");
        }
    }

    @Nested
    class SucceedAndFail {
        @Test
        void succeedEndsTheExecutionWithItsFilteredInput() {
            Execution ex = single("""
                    {"Type": "Succeed", "InputPath": "$.a", "OutputPath": "$.b"}""").start("{\"a\": {\"b\": 2}}");

            assertThat(ex.types()).containsExactly(
                    "ExecutionStarted", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded");
            assertThat(ex.output()).isEqualTo(json("2"));
        }

        @Test
        void failEndsTheExecutionWithErrorAndCause() {
            Execution ex = single("""
                    {"Type": "Fail", "Error": "MyError", "Cause": "it broke"}""").start("{}");

            assertThat(ex.types()).containsExactly("ExecutionStarted", "FailStateEntered", "ExecutionFailed");
            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(ex.details("ExecutionFailed")).isEqualTo(json("{\"error\": \"MyError\", \"cause\": \"it broke\"}"));
        }

        @Test
        void failWithoutErrorOrCauseOmitsThem() {
            Execution ex = single("""
                    {"Type": "Fail"}""").start("{}");

            assertThat(ex.details("ExecutionFailed")).isEqualTo(json("{}"));
        }

        @Test
        void errorPathAndCausePathReadTheInput() {
            Execution ex = single("""
                    {"Type": "Fail", "ErrorPath": "$.e", "CausePath": "$.c"}""")
                    .start("{\"e\": \"Custom.Error\", \"c\": \"because\"}");

            assertThat(ex.state.error).isEqualTo("Custom.Error");
            assertThat(ex.state.cause).isEqualTo("because");
        }

        @Test
        void errorPathMayUseAnIntrinsicFunction() {
            Execution ex = single("""
                    {"Type": "Fail", "ErrorPath": "States.Format('E{}', $.n)", "Cause": "x"}""")
                    .start("{\"n\": 7}");

            assertThat(ex.state.error).isEqualTo("E7");
        }
    }
}
