package io.stepwise.engine;

import static io.stepwise.engine.Execution.T0;
import static io.stepwise.engine.Execution.failed;
import static io.stepwise.engine.Execution.fired;
import static io.stepwise.engine.Execution.json;
import static io.stepwise.engine.Execution.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.engine.history.HistoryEvent;
import io.stepwise.engine.history.HistoryEventType;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
            // AWS shows the first state's input as the text the execution was started with (recorded: LocalStack
            // test_base_scenarios.py::test_map_state_nested, "[[1, 2, 3], [4, 5, 6]]").
            assertThat(ex.details("PassStateEntered").get("input").asText()).isEqualTo("{\"in\": true}");
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

    @Nested
    class Task {
        @Test
        void aLambdaFunctionArnEmitsLambdaFunctionEventsAndInvokesTheFunction() {
            Execution ex = single(task(LAMBDA_ARN, "")).start("{\"a\": 1}");

            assertThat(ex.types()).containsExactly("ExecutionStarted", "TaskStateEntered",
                    "LambdaFunctionScheduled", "LambdaFunctionStarted");
            assertThat(ex.details("LambdaFunctionScheduled").get("resource").asText()).isEqualTo(LAMBDA_ARN);
            assertThat(ex.details("LambdaFunctionScheduled").get("input").asText()).isEqualTo("{\"a\":1}");
            Command.InvokeTask invoke = ex.invoke();
            assertThat(invoke.resource()).isEqualTo(LAMBDA_ARN);
            assertThat(invoke.stateName()).isEqualTo("S");
            assertThat(invoke.input()).isEqualTo(json("{\"a\": 1}"));
            assertThat(invoke.taskToken()).isNull();

            ex.apply(succeeded(invoke, "{\"r\": 2}"), 1);

            assertThat(ex.types()).containsExactly("LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded");
            assertThat(ex.details("LambdaFunctionSucceeded").get("output").asText()).isEqualTo("{\"r\":2}");
            assertThat(ex.output()).isEqualTo(json("{\"r\": 2}"));
            assertThat(ex.event("TaskStateExited").timestamp()).isEqualTo(T0.plusSeconds(1));
        }

        @Test
        void credentialsAreEvaluatedRecordedAndSentWithTheStateMachinesRole() {
            Execution ex = single(task(LAMBDA_INVOKE, """
                    "Parameters": {"FunctionName": "work"}, "Credentials": {"RoleArn.$": "$.role"},"""))
                    .start("{\"role\": \"arn:aws:iam::123456789012:role/other\"}");

            assertThat(ex.details("TaskScheduled").get("taskCredentials"))
                    .isEqualTo(json("{\"roleArn\": \"arn:aws:iam::123456789012:role/other\"}"));
            assertThat(ex.invoke().credentials()).isEqualTo(json("{\"RoleArn\": \"arn:aws:iam::123456789012:role/other\"}"));
            assertThat(ex.invoke().executionRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/test");
        }

        @Test
        void jsonataCredentialsAreEvaluatedToo() {
            Execution ex = single(task(LAMBDA_INVOKE, """
                    "QueryLanguage": "JSONata", "Arguments": {"FunctionName": "work"},
                    "Credentials": {"RoleArn": "{% $states.input.role %}"},"""))
                    .start("{\"role\": \"arn:aws:iam::123456789012:role/other\"}");

            assertThat(ex.invoke().credentials()).isEqualTo(json("{\"RoleArn\": \"arn:aws:iam::123456789012:role/other\"}"));
            assertThat(ex.details("TaskScheduled").get("taskCredentials").get("roleArn").asText())
                    .isEqualTo("arn:aws:iam::123456789012:role/other");
        }

        @Test
        void aSubmittedJobIsRecordedOnceAndTheTaskWaitsForItsEnd() {
            Execution ex = single(task("arn:aws:states:::states:startExecution.sync:2", """
                    "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:child"},"""))
                    .start("{}");
            Command.InvokeTask invoke = ex.invoke();

            ex.apply(new Trigger.TaskSubmitted(invoke.ref(), json("{\"ExecutionArn\": \"e-1\"}")), 1);
            assertThat(ex.types()).containsExactly("TaskSubmitted");
            assertThat(ex.details("TaskSubmitted")).isEqualTo(json("""
                    {"resourceType": "states", "resource": "startExecution.sync:2",
                     "output": "{\\"ExecutionArn\\":\\"e-1\\"}", "outputDetails": {"truncated": false}}"""));

            ex.apply(new Trigger.TaskSubmitted(invoke.ref(), json("{\"ExecutionArn\": \"e-1\"}")), 2);
            assertThat(ex.types()).isEmpty();

            ex.apply(succeeded(invoke, "{\"Output\": {}}"), 3);
            assertThat(ex.types()).containsExactly("TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        }

        @Test
        void lambdaInvokeIsAServiceIntegrationWithTaskEvents() {
            Execution ex = single(task(LAMBDA_INVOKE, """
                    "Parameters": {"FunctionName": "work", "Payload.$": "$"},""")).start("{\"a\": 1}");

            assertThat(ex.types()).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted");
            assertThat(ex.details("TaskScheduled")).isEqualTo(json("""
                    {"resourceType": "lambda", "resource": "invoke", "region": "us-east-1",
                     "parameters": "{\\"FunctionName\\":\\"work\\",\\"Payload\\":{\\"a\\":1}}"}"""));
            assertThat(ex.details("TaskStarted")).isEqualTo(json("{\"resourceType\": \"lambda\", \"resource\": \"invoke\"}"));
            assertThat(ex.invoke().input()).isEqualTo(json("{\"FunctionName\": \"work\", \"Payload\": {\"a\": 1}}"));

            ex.apply(succeeded(ex.invoke(), "{\"Payload\": 5}"), 1);

            assertThat(ex.types()).containsExactly("TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
            assertThat(ex.details("TaskSucceeded").get("resourceType").asText()).isEqualTo("lambda");
        }

        @Test
        void resultSelectorAndResultPathShapeTheTaskResult() {
            Execution ex = single(task(LAMBDA_INVOKE, """
                    "ResultSelector": {"value.$": "$.Payload.v", "retries.$": "$$.State.RetryCount"},
                    "ResultPath": "$.result",""")).start("{\"keep\": true}");

            ex.apply(succeeded(ex.invoke(), "{\"Payload\": {\"v\": 9}, \"StatusCode\": 200}"), 1);

            assertThat(ex.output()).isEqualTo(json("{\"keep\": true, \"result\": {\"value\": 9, \"retries\": 0}}"));
        }

        @Test
        void taskFailedIsCaughtAndTheErrorPlacedAtTheCatchersResultPath() {
            Execution ex = Execution.of("""
                    {"StartAt": "T", "States": {
                      "T": {"Type": "Task", "Resource": "%s", "End": true,
                            "Catch": [{"ErrorEquals": ["Custom"], "Next": "Other"},
                                      {"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "Handler"}]},
                      "Other": {"Type": "Fail", "Error": "WrongCatcher"},
                      "Handler": {"Type": "Pass", "End": true}}}""".formatted(LAMBDA_ARN)).start("{\"in\": 1}");

            ex.apply(failed(ex.invoke(), "Boom", "bad things"), 2);

            assertThat(ex.types()).containsExactly("LambdaFunctionFailed", "TaskStateExited",
                    "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
            assertThat(ex.details("LambdaFunctionFailed")).isEqualTo(json("{\"error\": \"Boom\", \"cause\": \"bad things\"}"));
            assertThat(ex.output()).isEqualTo(json("{\"in\": 1, \"err\": {\"Error\": \"Boom\", \"Cause\": \"bad things\"}}"));
        }

        @Test
        void anUncaughtFailureFailsTheExecution() {
            Execution ex = single(task(LAMBDA_INVOKE, "")).start("{}");

            ex.apply(failed(ex.invoke(), "Lambda.Unknown", "oops"), 1);

            assertThat(ex.types()).containsExactly("TaskFailed", "ExecutionFailed");
            assertThat(ex.details("TaskFailed")).isEqualTo(json("""
                    {"error": "Lambda.Unknown", "cause": "oops", "resourceType": "lambda", "resource": "invoke"}"""));
            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(ex.state.error).isEqualTo("Lambda.Unknown");
        }

        @Test
        void timeoutSecondsStartsATimerWhoseFiringTimesTheTaskOut() {
            Execution ex = single(task(LAMBDA_INVOKE, "\"TimeoutSeconds\": 30,")).start("{}");
            Command.StartTimer timeout = ex.timer();
            assertThat(timeout.dueAt()).isEqualTo(T0.plusSeconds(30));
            assertThat(ex.invoke().timeoutSeconds()).isEqualTo(30);
            assertThat(ex.details("TaskScheduled").get("timeoutInSeconds").asInt()).isEqualTo(30);

            ex.apply(fired(timeout), 30);

            assertThat(ex.types()).containsExactly("TaskTimedOut", "ExecutionFailed");
            assertThat(ex.details("TaskTimedOut").get("error").asText()).isEqualTo("States.Timeout");
            assertThat(ex.state.error).isEqualTo("States.Timeout");
            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        }

        @Test
        void aCaughtTimeoutHasAnEmptyCauseInTheErrorOutput() {
            Execution ex = Execution.of("""
                    {"StartAt": "T", "States": {
                      "T": {"Type": "Task", "Resource": "%s", "TimeoutSeconds": 5, "End": true,
                            "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Handler"}]},
                      "Handler": {"Type": "Pass", "End": true}}}""".formatted(LAMBDA_INVOKE)).start("{}");

            ex.apply(fired(ex.timer()), 5);

            // Recorded: services/lambda/error_handling/test_invoke_timeout.
            assertThat(ex.details("TaskTimedOut")).isEqualTo(json(
                    "{\"error\": \"States.Timeout\", \"resourceType\": \"lambda\", \"resource\": \"invoke\"}"));
            assertThat(ex.output()).isEqualTo(json("{\"Error\": \"States.Timeout\", \"Cause\": \"\"}"));
        }

        @Test
        void aResultBeforeTheTimeoutCancelsTheTimeoutTimer() {
            Execution ex = single(task(LAMBDA_INVOKE, "\"TimeoutSeconds\": 30,")).start("{}");
            Command.StartTimer timeout = ex.timer();

            ex.apply(succeeded(ex.invoke(), "{}"), 5);
            assertThat(ex.commands(Command.CancelTimer.class)).extracting(Command.CancelTimer::ref)
                    .contains(timeout.ref());

            ex.apply(fired(timeout), 30);
            assertThat(ex.types()).isEmpty();
            assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        }

        @Test
        void timeoutSecondsPathReadsTheInput() {
            Execution ex = single(task(LAMBDA_INVOKE, "\"TimeoutSecondsPath\": \"$.t\",")).start("{\"t\": 12}");

            assertThat(ex.timer().dueAt()).isEqualTo(T0.plusSeconds(12));
        }

        @Test
        void aHeartbeatPushesTheHeartbeatDeadlineBack() {
            Execution ex = single(task(LAMBDA_INVOKE.replace("lambda:invoke", "sqs:sendMessage.waitForTaskToken"),
                    "\"HeartbeatSeconds\": 10, \"Parameters\": {\"t.$\": \"$$.Task.Token\"},")).start("{}");
            Command.StartTimer first = ex.timer();
            assertThat(first.dueAt()).isEqualTo(T0.plusSeconds(10));
            assertThat(ex.invoke().heartbeatSeconds()).isEqualTo(10);
            Command.InvokeTask invoke = ex.invoke();

            ex.apply(new Trigger.TaskHeartbeat(invoke.ref()), 8);

            assertThat(ex.types()).isEmpty();
            assertThat(ex.commands(Command.CancelTimer.class)).extracting(Command.CancelTimer::ref)
                    .containsExactly(first.ref());
            Command.StartTimer pushed = ex.timer();
            assertThat(pushed.dueAt()).isEqualTo(T0.plusSeconds(18));

            ex.apply(fired(first), 10);
            assertThat(ex.types()).as("the replaced heartbeat timer is ignored").isEmpty();
            assertThat(ex.status()).isEqualTo(ExecutionStatus.RUNNING);

            ex.apply(fired(pushed), 18);
            assertThat(ex.types()).containsExactly("TaskTimedOut", "ExecutionFailed");
            assertThat(ex.state.error).isEqualTo("States.HeartbeatTimeout");
        }

        @Test
        void waitForTaskTokenPutsTheTokenInTheContextAndTheCommand() {
            Execution ex = single(task("arn:aws:states:::sqs:sendMessage.waitForTaskToken", """
                    "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},""")).start("{}");

            Command.InvokeTask invoke = ex.invoke();
            assertThat(invoke.taskToken()).isNotBlank().hasSizeGreaterThanOrEqualTo(32);
            assertThat(invoke.input().at("/MessageBody/token").asText()).isEqualTo(invoke.taskToken());
            assertThat(ex.details("TaskScheduled").get("resource").asText()).isEqualTo("sendMessage.waitForTaskToken");

            ex.apply(succeeded(invoke, "{\"done\": 1}"), 100);
            assertThat(ex.output()).isEqualTo(json("{\"done\": 1}"));
        }

        @Test
        void theTaskTokenIsDeterminedByTheTokenKeyNotByTheSeed() {
            String definition = """
                    {"StartAt": "S", "States": {"S": {"Type": "Task",
                      "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true}}}""";

            String a = Execution.of(definition).start("{}", 1).invoke().taskToken();
            String again = Execution.of(definition).start("{}", 1).invoke().taskToken();
            String otherSeed = Execution.of(definition).start("{}", 2).invoke().taskToken();
            Step otherKey = new Interpreter(DefinitionParser.parse(definition))
                    .start(Execution.startAt(Execution.T0, "{}", 1, "b3RoZXIta2V5"));

            assertThat(a).isEqualTo(again).isEqualTo(otherSeed);
            assertThat(otherKey.commands()).filteredOn(Command.InvokeTask.class::isInstance)
                    .extracting(c -> ((Command.InvokeTask) c).taskToken()).doesNotContain(a).hasSize(1);
        }

        @Test
        void aRequestResponseTaskHasNoToken() {
            Execution ex = single(task(LAMBDA_INVOKE, "")).start("{}");

            assertThat(ex.invoke().taskToken()).isNull();
        }
    }

    @Nested
    class Parallel {
        private static final String TWO_PASSES = """
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "a", "End": true}}},
                  {"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": "b", "End": true}}}]}}}""";

        @Test
        void branchesRunAndTheirResultsFormAnArray() {
            Execution ex = Execution.of(TWO_PASSES).start("{}");

            assertThat(ex.types()).containsExactly("ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted",
                    "PassStateEntered", "PassStateExited", "PassStateEntered", "PassStateExited",
                    "ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded");
            assertThat(ex.output()).isEqualTo(json("[\"a\", \"b\"]"));
        }

        @Test
        void resultsKeepBranchOrderWhateverOrderTheBranchesFinishIn() {
            Execution ex = Execution.of("""
                    {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                      {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "%1$s", "End": true}}},
                      {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "%1$s", "End": true}}}]}}}"""
                    .formatted(LAMBDA_ARN)).start("{\"x\": 1}");
            List<Command.InvokeTask> invokes = ex.commands(Command.InvokeTask.class);
            assertThat(invokes).hasSize(2);
            assertThat(invokes).extracting(Command.InvokeTask::input).containsOnly(json("{\"x\": 1}"));

            ex.apply(succeeded(invokes.get(1), "\"second\""), 1);
            assertThat(ex.types()).containsExactly("LambdaFunctionSucceeded", "TaskStateExited");
            ex.apply(succeeded(invokes.get(0), "\"first\""), 2);

            assertThat(ex.types()).containsExactly("LambdaFunctionSucceeded", "TaskStateExited",
                    "ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded");
            assertThat(ex.output()).isEqualTo(json("[\"first\", \"second\"]"));
        }

        @Test
        void aFailingBranchFailsTheStateWithThatBranchsError() {
            Execution ex = Execution.of("""
                    {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                      {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "%s", "End": true}}},
                      {"StartAt": "B", "States": {"B": {"Type": "Fail", "Error": "BranchBoom", "Cause": "b"}}}]}}}"""
                    .formatted(LAMBDA_ARN)).start("{}");

            assertThat(ex.historyTypes()).contains("ParallelStateFailed").last().isEqualTo("ExecutionFailed");
            assertThat(ex.details("ExecutionFailed")).isEqualTo(json("{\"error\": \"BranchBoom\", \"cause\": \"b\"}"));
            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        }

        @Test
        void aLateResultFromAnAbortedSiblingIsIgnored() {
            Execution ex = Execution.of("""
                    {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Next": "Done",
                       "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}], "Branches": [
                      {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "%1$s", "End": true}}},
                      {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "%1$s", "End": true}}}]},
                     "Done": {"Type": "Pass", "End": true}}}""".formatted(LAMBDA_ARN)).start("{}");
            List<Command.InvokeTask> invokes = ex.commands(Command.InvokeTask.class);

            ex.apply(failed(invokes.get(0), "E", "c"), 1);
            assertThat(ex.types()).containsExactly("LambdaFunctionFailed", "TaskStateAborted", "ParallelStateFailed",
                    "ParallelStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");

            ex.apply(succeeded(invokes.get(1), "{}"), 2);
            assertThat(ex.types()).isEmpty();
        }

        @Test
        void parametersAndResultSelectorApplyToTheWholeState() {
            Execution ex = Execution.of("""
                    {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
                       "Parameters": {"v.$": "$.n"}, "ResultSelector": {"first.$": "$[0]"}, "ResultPath": "$.r",
                       "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}]}}}""")
                    .start("{\"n\": 4}");

            assertThat(ex.output()).isEqualTo(json("{\"n\": 4, \"r\": {\"first\": {\"v\": 4}}}"));
        }
    }

    @Nested
    class Map {
        private static String map(String extra, String iteratorState) {
            return """
                    {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, %s
                      "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "I",
                                        "States": {"I": %s}}}}}""".formatted(extra, iteratorState);
        }

        @Test
        void iterationsAreAnnouncedWithTheirIndex() {
            Execution ex = Execution.of(map("", "{\"Type\": \"Pass\", \"End\": true}")).start("[\"x\", \"y\"]");

            assertThat(ex.types()).containsExactly("ExecutionStarted", "MapStateEntered", "MapStateStarted",
                    "MapIterationStarted", "PassStateEntered", "PassStateExited", "MapIterationSucceeded",
                    "MapIterationStarted", "PassStateEntered", "PassStateExited", "MapIterationSucceeded",
                    "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded");
            assertThat(ex.details("MapStateStarted").get("length").asInt()).isEqualTo(2);
            assertThat(ex.events("MapIterationStarted")).extracting(e -> e.details().get("index").asInt())
                    .containsExactly(0, 1);
            assertThat(ex.events("MapIterationSucceeded")).extracting(e -> e.details().get("index").asInt())
                    .containsExactly(0, 1);
            assertThat(ex.events("MapIterationStarted")).extracting(e -> e.details().get("name").asText())
                    .containsOnly("M");
            assertThat(ex.output()).isEqualTo(json("[\"x\", \"y\"]"));
        }

        @Test
        void itemSelectorSeesTheMapItemIndexAndValue() {
            Execution ex = Execution.of(map("""
                    "ItemsPath": "$.items",
                    "ItemSelector": {"i.$": "$$.Map.Item.Index", "v.$": "$$.Map.Item.Value", "tag.$": "$.tag"},""",
                    "{\"Type\": \"Pass\", \"End\": true}")).start("{\"items\": [10, 20], \"tag\": \"t\"}");

            assertThat(ex.output()).isEqualTo(json("[{\"i\": 0, \"v\": 10, \"tag\": \"t\"}, {\"i\": 1, \"v\": 20, \"tag\": \"t\"}]"));
        }

        @Test
        void anEmptyArraySucceedsAtOnceWithAnEmptyResult() {
            Execution ex = Execution.of(map("", "{\"Type\": \"Pass\", \"End\": true}")).start("[]");

            assertThat(ex.output()).isEqualTo(json("[]"));
            assertThat(ex.historyTypes()).doesNotContain("MapIterationStarted");
        }

        @Test
        void itemsThatAreNotAnArrayFailWithStatesRuntime() {
            Execution ex = Execution.of(map("", "{\"Type\": \"Pass\", \"End\": true}")).start("{\"a\": 1}");

            assertThat(ex.state.error).isEqualTo("States.Runtime");
        }

        @Test
        void maxConcurrencyOneLaunchesTaskIterationsOneAtATime() {
            Execution ex = Execution.of(map("\"MaxConcurrency\": 1,",
                    "{\"Type\": \"Task\", \"Resource\": \"%s\", \"End\": true}".formatted(LAMBDA_ARN)))
                    .start("[1, 2, 3]");

            assertThat(ex.invoke().input()).isEqualTo(json("1"));
            ex.apply(succeeded(ex.invoke(), "\"r1\""), 1);
            assertThat(ex.invoke().input()).isEqualTo(json("2"));
            ex.apply(succeeded(ex.invoke(), "\"r2\""), 2);
            assertThat(ex.invoke().input()).isEqualTo(json("3"));
            ex.apply(succeeded(ex.invoke(), "\"r3\""), 3);

            assertThat(ex.commands(Command.InvokeTask.class)).isEmpty();
            assertThat(ex.output()).isEqualTo(json("[\"r1\", \"r2\", \"r3\"]"));
            assertThat(ex.events("MapIterationStarted")).extracting(HistoryEvent::timestamp)
                    .containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2));
        }

        @Test
        void withoutMaxConcurrencyAllIterationsLaunchTogether() {
            Execution ex = Execution.of(map("",
                    "{\"Type\": \"Task\", \"Resource\": \"%s\", \"End\": true}".formatted(LAMBDA_ARN)))
                    .start("[1, 2, 3]");

            assertThat(ex.commands(Command.InvokeTask.class)).extracting(Command.InvokeTask::input)
                    .containsExactly(json("1"), json("2"), json("3"));
        }

        @Test
        void inlineIterationsRunAtMostFortyAtATimeWhateverMaxConcurrencySays() {
            String task = "{\"Type\": \"Task\", \"Resource\": \"%s\", \"End\": true}".formatted(LAMBDA_ARN);
            String items = IntStream.range(0, 50).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
            for (String maxConcurrency : List.of("", "\"MaxConcurrency\": 100,")) {
                Execution ex = Execution.unbounded(map(maxConcurrency, task)).start(items);

                List<Command.InvokeTask> first = ex.commands(Command.InvokeTask.class);
                assertThat(first).as(maxConcurrency).hasSize(40);
                ex.apply(succeeded(first.get(0), "\"r\""), 1);
                assertThat(ex.invoke().input()).as("one ends, the 41st starts").isEqualTo(json("40"));
            }
        }

        @Test
        void aFailingIterationFailsTheMap() {
            Execution ex = Execution.of(map("", """
                    {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 2, "Next": "Boom"}],
                     "Default": "Ok"},
                    "Boom": {"Type": "Fail", "Error": "ItemError", "Cause": "two"},
                    "Ok": {"Type": "Pass", "End": true}""")).start("[1, 2, 3]");

            assertThat(ex.historyTypes()).containsSubsequence("MapIterationSucceeded", "MapIterationFailed",
                    "MapStateFailed", "ExecutionFailed");
            assertThat(ex.events("MapIterationFailed")).singleElement()
                    .satisfies(e -> assertThat(e.details().get("index").asInt()).isEqualTo(1));
            assertThat(ex.historyTypes()).doesNotContain("MapStateSucceeded", "MapStateExited");
            assertThat(ex.details("ExecutionFailed")).isEqualTo(json("{\"error\": \"ItemError\", \"cause\": \"two\"}"));
        }

        @Test
        void toleratedFailuresLetTheMapSucceedWithTheErrorsAsResults() {
            Execution ex = Execution.of(map("\"ToleratedFailureCount\": 1,",
                    "{\"Type\": \"Fail\", \"Error\": \"E\", \"Cause\": \"C\"}")).start("[1]");

            assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(ex.output()).isEqualTo(json("[{\"Error\": \"E\", \"Cause\": \"C\"}]"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"ToleratedFailureCount\": \"{% $count($states.input) - 1 %}\"",
            "\"ToleratedFailurePercentage\": \"{% 50 %}\""})
        void aJsonataMapsToleranceIsWhatItsExpressionGives(String tolerance) {
            String definition = """
                    {"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map", "End": true, TOLERANCE,
                      "ItemProcessor": {"StartAt": "C", "States": {
                        "C": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input = 1 %}", "Next": "F"}],
                              "Default": "P"},
                        "F": {"Type": "Fail", "Error": "E", "Cause": "C"},
                        "P": {"Type": "Pass", "End": true}}}}}}""".replace("TOLERANCE", tolerance);

            Execution ex = Execution.of(definition).start("[1, 2]");

            assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(ex.output()).isEqualTo(json("[{\"Error\": \"E\", \"Cause\": \"C\"}, 2]"));
        }
    }

    @Nested
    class ExecutionLevel {
        private static final String LONG_WAIT = """
                {"StartAt": "W", "TimeoutSeconds": 60, "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}""";

        @Test
        void executionTimeoutSecondsStartsATimerThatTimesTheExecutionOut() {
            Execution ex = Execution.of(LONG_WAIT).start("{}");
            assertThat(ex.timers()).extracting(Command.StartTimer::dueAt)
                    .containsExactlyInAnyOrder(T0.plusSeconds(60), T0.plusSeconds(3600));
            Command.StartTimer executionTimer = ex.timers().stream()
                    .filter(t -> t.dueAt().equals(T0.plusSeconds(60))).findFirst().orElseThrow();

            ex.apply(fired(executionTimer), 60);

            assertThat(ex.types()).last().isEqualTo("ExecutionTimedOut");
            assertThat(ex.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
            assertThat(ex.details("ExecutionTimedOut").get("error").asText()).isEqualTo("States.Timeout");
        }

        @Test
        void stopRequestedAbortsTheExecutionAndTheActiveState() {
            Execution ex = single(task(LAMBDA_ARN, "")).start("{}");
            Command.InvokeTask invoke = ex.invoke();

            ex.apply(new Trigger.StopRequested("Stopped.ByUser", "manual"), 5);

            assertThat(ex.types()).containsExactly("TaskStateAborted", "ExecutionAborted");
            assertThat(ex.details("ExecutionAborted")).isEqualTo(json("{\"error\": \"Stopped.ByUser\", \"cause\": \"manual\"}"));
            assertThat(ex.status()).isEqualTo(ExecutionStatus.ABORTED);

            ex.apply(succeeded(invoke, "{}"), 6);
            assertThat(ex.types()).as("an aborted execution ignores later results").isEmpty();
        }

        @Test
        void stopRequestedInsideAParallelAbortsEveryActiveState() {
            Execution ex = Execution.of("""
                    {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                      {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "%1$s", "End": true}}},
                      {"StartAt": "B", "States": {"B": {"Type": "Wait", "Seconds": 5, "End": true}}}]}}}"""
                    .formatted(LAMBDA_ARN)).start("{}");

            ex.apply(new Trigger.StopRequested(null, null), 1);

            assertThat(ex.types()).containsExactlyInAnyOrder("TaskStateAborted", "WaitStateAborted",
                    "ParallelStateAborted", "ExecutionAborted");
            assertThat(ex.types()).last().isEqualTo("ExecutionAborted");
        }

        @Test
        void stopDuringARetryBackoffAbortsTheTaskAndCancelsTheRetryTimer() {
            Execution ex = single(task(LAMBDA_ARN, """
                    "Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 10}],""")).start("{}");
            ex.apply(failed(ex.invoke(), "E", null), 1);
            Command.StartTimer retry = ex.timer();

            ex.apply(new Trigger.StopRequested(null, null), 2);

            assertThat(ex.types()).containsExactly("TaskStateAborted", "ExecutionAborted");
            assertThat(ex.commands(Command.CancelTimer.class)).extracting(Command.CancelTimer::ref)
                    .contains(retry.ref());
            ex.apply(fired(retry), 11);
            assertThat(ex.types()).isEmpty();
        }
        @Test
        void onlyAnExecutionWithATimeoutCancelsItsTimeoutTimerAtTheEnd() {
            Execution without = Execution.of("""
                    {"StartAt": "S", "States": {"S": {"Type": "Pass", "Next": "W"},
                     "W": {"Type": "Wait", "Seconds": 5, "End": true}}}""").start("{}");
            without.apply(fired(without.timer()), 5);
            assertThat(without.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(without.commands(Command.CancelTimer.class)).as("no timeout timer was ever started").isEmpty();

            Execution with = Execution.of("""
                    {"StartAt": "W", "TimeoutSeconds": 60, "States": {
                     "W": {"Type": "Wait", "Seconds": 5, "End": true}}}""").start("{}");
            Command.StartTimer wait = with.timers().stream().filter(t -> t.dueAt().equals(T0.plusSeconds(5)))
                    .findFirst().orElseThrow();
            with.apply(fired(wait), 5);
            assertThat(with.commands(Command.CancelTimer.class)).hasSize(1);
        }

        @Test
        void stopCancelsTheTimersThatNoLongerMatter() {
            Execution ex = Execution.of("""
                    {"StartAt": "S", "TimeoutSeconds": 31536000, "States": {"S": %s}}"""
                    .formatted(task(LAMBDA_ARN, "\"TimeoutSeconds\": 300,"))).start("{}");
            List<String> started = ex.timers().stream().map(Command.StartTimer::ref).toList();
            assertThat(started).hasSize(2);

            ex.apply(new Trigger.StopRequested(null, null), 2);

            assertThat(ex.commands(Command.CancelTimer.class)).extracting(Command.CancelTimer::ref)
                    .containsAll(started);
        }

        @Test
        void aTriggerWithAnUnknownRefIsIgnored() {
            Execution ex = single(task(LAMBDA_ARN, "")).start("{}");

            ex.apply(new Trigger.TaskSucceeded("no-such-ref", json("{}")), 1);

            assertThat(ex.last.events()).isEmpty();
            assertThat(ex.last.commands()).isEmpty();
            assertThat(ex.status()).isEqualTo(ExecutionStatus.RUNNING);
        }

        @Test
        void aDuplicateResultIsIgnored() {
            Execution ex = Execution.of("""
                    {"StartAt": "T", "States": {
                      "T": {"Type": "Task", "Resource": "%s", "Next": "W"},
                      "W": {"Type": "Wait", "Seconds": 10, "End": true}}}""".formatted(LAMBDA_ARN)).start("{}");
            Command.InvokeTask invoke = ex.invoke();
            ex.apply(succeeded(invoke, "{\"n\": 1}"), 1);
            long nextEventId = ex.state.nextEventId;

            ex.apply(succeeded(invoke, "{\"n\": 2}"), 2);
            ex.apply(failed(invoke, "E", null), 3);

            assertThat(ex.history).extracting(HistoryEvent::type)
                    .filteredOn(t -> t == HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED).hasSize(1);
            assertThat(ex.last.events()).isEmpty();
            assertThat(ex.state.nextEventId).isEqualTo(nextEventId);
        }

        @Test
        void aStaleResultFromAnEarlierAttemptIsIgnored() {
            Execution ex = single(task(LAMBDA_ARN, """
                    "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1}],""")).start("{}");
            Command.InvokeTask first = ex.invoke();
            ex.apply(failed(first, "E", null), 1);
            ex.apply(fired(ex.timer()), 3);
            Command.InvokeTask second = ex.invoke();
            assertThat(second.ref()).isNotEqualTo(first.ref());

            ex.apply(succeeded(first, "\"late\""), 4);
            assertThat(ex.last.events()).isEmpty();

            ex.apply(succeeded(second, "\"fresh\""), 5);
            assertThat(ex.output()).isEqualTo(json("\"fresh\""));
        }

        @Test
        void nothingHappensToAFinishedExecution() {
            Execution ex = single("{\"Type\": \"Succeed\"}").start("{}");

            ex.apply(new Trigger.StopRequested(null, null), 1);

            assertThat(ex.last.events()).isEmpty();
            assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        }
        @Test
        void applyLeavesItsInputStateUnchanged() {
            Execution ex = single(task(LAMBDA_ARN, "")).start("{\"a\": 1}");
            String before = StateCodec.save(ex.state);

            Step step = ex.interpreter.apply(ex.state, succeeded(ex.invoke(), "{\"b\": 2}"), T0.plusSeconds(1));

            assertThat(StateCodec.save(ex.state)).isEqualTo(before);
            assertThat(ex.state.status).isEqualTo(ExecutionStatus.RUNNING);
            assertThat(step.state()).isNotSameAs(ex.state);
            assertThat(step.state().status).isEqualTo(ExecutionStatus.SUCCEEDED);
        }

        @Test
        void applyInPlaceOnAReloadedCopyLeavesTheSavedStateUnchanged() {
            Execution ex = single(task(LAMBDA_ARN, "")).start("{\"a\": 1}");
            String saved = StateCodec.save(ex.state);

            Step step = ex.interpreter.applyInPlace(StateCodec.load(saved), succeeded(ex.invoke(), "{}"), T0);

            assertThat(step.state().status).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(StateCodec.save(ex.state)).isEqualTo(saved);
        }

        @Test
        void theSameTriggersOnTheSameStateGiveTheSameStep() {
            Execution a = single(task(LAMBDA_ARN, "")).start("{\"a\": 1}");
            Execution b = single(task(LAMBDA_ARN, "")).start("{\"a\": 1}");

            a.apply(succeeded(a.invoke(), "{\"b\": 2}"), 1);
            b.apply(succeeded(b.invoke(), "{\"b\": 2}"), 1);

            assertThat(a.history).isEqualTo(b.history);
            assertThat(StateCodec.save(a.state)).isEqualTo(StateCodec.save(b.state));
        }
    }
}
