package io.stepwise.engine;

import static io.stepwise.engine.Execution.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The error and cause of every run-time failure the interpreter raises, pinned as AWS words them. Each test
 * names its source: a recorded AWS execution, or public text quoting a real execution. Texts no source shows
 * are pinned too, so a change is deliberate, and are listed in integration-tests/unverified-cause-texts.txt.
 */
class RuntimeErrorCausesTest {
    private static final String PREFIX = "An error occurred while executing the state 'S' (entered at the event id #2). ";

    private static Execution single(String stateJson, String input) {
        return Execution.of("{\"StartAt\": \"S\", \"States\": {\"S\": " + stateJson + "}}").start(input);
    }

    private static void assertFailed(Execution ex, String error, String cause) {
        assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ex.details("ExecutionFailed").get("error").asText()).isEqualTo(error);
        assertThat(ex.details("ExecutionFailed").get("cause").asText()).isEqualTo(cause);
    }

    @Nested
    class Paths {
        @Test
        void outputPathSelectingNothing() {
            // Quoted from a real execution: "Invalid path '$.Payload' : No results for path: $['Payload']".
            assertFailed(single("{\"Type\": \"Pass\", \"OutputPath\": \"$.missing\", \"End\": true}", "{}"),
                    "States.Runtime", PREFIX + "Invalid path '$.missing' : No results for path: $['missing']");
        }

        @Test
        void inputPathThroughAMissingObject() {
            // Same form as OutputPath; the detail is Jayway's, which AWS passes through.
            assertFailed(single("{\"Type\": \"Pass\", \"InputPath\": \"$.a.b\", \"End\": true}", "{}"),
                    "States.Runtime", PREFIX + "Invalid path '$.a.b' : Missing property in path $['a']");
        }

        @Test
        void parametersPathSelectingNothing() {
            // Quoted from real executions (AWS workshop "Check Address"; aws-samples/serverless-coffee-workshop#15).
            assertFailed(single("{\"Type\": \"Pass\", \"Parameters\": {\"x.$\": \"$.a\"}, \"End\": true}", "{\"b\":1}"),
                    "States.Runtime", PREFIX
                            + "The JSONPath '$.a' specified for the field 'x.$' could not be found in the input '{\"b\":1}'");
        }

        @Test
        void theExecutionInputIsShownAsTheTextItWasStartedWith() {
            // Quoted from real executions: "... could not be found in the input '{\n    \"Comment\": \"Insert your
            // JSON here\"\n}'" (SNS notification of a failed execution) and a CDK construct's README.
            String input = "{\n    \"Comment\": \"Insert your JSON here\"\n}";
            Execution ex = Execution.of("""
                    {"StartAt": "A", "States": {
                      "A": {"Type": "Pass", "Next": "S"},
                      "S": {"Type": "Pass", "Parameters": {"jobOption.$": "$.jobOption"}, "End": true}}}""")
                    .start(input);
            assertFailed(ex, "States.Runtime", "An error occurred while executing the state 'S' (entered at the event "
                    + "id #4). The JSONPath '$.jobOption' specified for the field 'jobOption.$' could not be found in the "
                    + "input '" + input + "'");
        }

        @Test
        void aContextPathSelectingNothingShowsTheContextObject() {
            // Quoted from a real execution: "The JSONPath '$$.Map.Item.Value.checkId' specified for the field
            // 'checkId.$' could not be found in the input '{"Execution":{"Id":"arn:aws:states:...","Input":{...},
            // "StartTime":"2025-04-30T06:16:52.674Z","Name":"...","RoleArn":"..."'.
            Execution ex = single("{\"Type\": \"Pass\", \"Parameters\": {\"v.$\": \"$$.Execution.Input.nope\"}, "
                    + "\"End\": true}", "{\"a\": 1}");
            String cause = ex.details("ExecutionFailed").get("cause").asText();
            assertThat(cause).startsWith(PREFIX + "The JSONPath '$$.Execution.Input.nope' specified for the field 'v.$' "
                    + "could not be found in the input '{\"Execution\":{\"Id\":\"" + Execution.EXECUTION_ARN
                    + "\",\"Input\":{\"a\":1},\"StartTime\":");
            assertThat(cause).contains("\"State\":{\"Name\":\"S\",\"EnteredTime\":");
        }

        @Test
        void choiceVariableSelectingNothing() {
            // Quoted from a real execution: "Invalid path '$.should_enrich': The choice state's condition path
            // references an invalid value."
            assertFailed(single("{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.v\", \"NumericEquals\": 1, "
                            + "\"Next\": \"S\"}], \"Default\": \"S\"}", "{}"),
                    "States.Runtime", PREFIX
                            + "Invalid path '$.v': The choice state's condition path references an invalid value.");
        }

        @Test
        void noChoiceMatched() {
            // Recorded (conformance cases with a Choice and no Default).
            assertFailed(single("{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.v\", \"NumericEquals\": 1, "
                    + "\"Next\": \"S\"}]}", "{\"v\": 2}"), "States.NoChoiceMatched", "No Matches!");
        }

        @Test
        void resultPathIntoAValueThatIsNotAnObject() {
            // The text is quoted from a real execution; the error name and the state prefix are unverified.
            assertFailed(single("{\"Type\": \"Pass\", \"Result\": 1, \"ResultPath\": \"$.r\", \"End\": true}", "\"s\""),
                    "States.ResultPathMatchFailure", PREFIX + "Unable to apply ReferencePath $.r to input \"s\"");
        }

        @Test
        void taskTimeoutAndHeartbeatPathsSelectingNothing() {
            // Recorded: LocalStack test_base_scenarios.py::test_invalid_jsonpath[ST.INVALID_JSONPATH_IN_TIMEOUTSECONDSPATH]
            // and [...HEARTBEATSECONDSPATH]: the execution fails before the task is scheduled.
            for (String field : new String[] {"TimeoutSecondsPath", "HeartbeatSecondsPath"}) {
                Execution ex = single("{\"Type\": \"Task\", \"" + field + "\": \"$.NoSuchTimeoutSecondsPath\", "
                        + "\"Resource\": \"arn:aws:states:::aws-sdk:s3:listBuckets\", \"Parameters\": {}, \"End\": true}",
                        "{\"int-literal\": 0}");
                assertFailed(ex, "States.Runtime", PREFIX + "Invalid path '$.NoSuchTimeoutSecondsPath' : No results for "
                        + "path: $['NoSuchTimeoutSecondsPath']");
                assertThat(ex.historyTypes()).containsExactly("ExecutionStarted", "TaskStateEntered", "ExecutionFailed");
            }
        }

        @Test
        void taskTimeoutSecondsPathNotAPositiveInteger() {
            // Unverified (integration-tests/unverified-cause-texts.txt).
            assertFailed(single("{\"Type\": \"Task\", \"TimeoutSecondsPath\": \"$.t\", "
                            + "\"Resource\": \"arn:aws:states:::aws-sdk:s3:listBuckets\", \"Parameters\": {}, \"End\": true}",
                            "{\"t\": 0}"),
                    "States.Runtime", PREFIX + "The TimeoutSecondsPath parameter references an invalid value: $.t == 0");
        }

        @Test
        void failErrorPathSelectingNothingNamesTheField() {
            // Recorded: LocalStack test_base_scenarios.py::test_invalid_jsonpath[INVALID_JSONPATH_IN_ERRORPATH] (the
            // input itself is a placeholder in the recording).
            assertFailed(single("{\"Type\": \"Fail\", \"ErrorPath\": \"$.ErrorX\"}", "{\"Error\":\"error-value\"}"),
                    "States.Runtime", PREFIX + "The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be "
                            + "found in the input '{\"Error\":\"error-value\"}'");
        }

        @Test
        void failCausePathSelectingNothingNamesTheField() {
            // Recorded: LocalStack test_base_scenarios.py::test_invalid_jsonpath[ST.INVALID_JSONPATH_IN_CAUSEPATH].
            assertFailed(single("{\"Type\": \"Fail\", \"Error\": \"E\", \"CausePath\": \"$.nope\"}", "{\"other\":1}"),
                    "States.Runtime", PREFIX
                            + "The JSONPath '$.nope' specified for the field 'CausePath' could not be found in the input "
                            + "'{\"other\":1}'");
        }

        @Test
        void failErrorPathAndCausePathResolve() {
            Execution ex = single("{\"Type\": \"Fail\", \"ErrorPath\": \"$.e\", "
                    + "\"CausePath\": \"States.Format('c{}', $.n)\"}", "{\"e\": \"Bad\", \"n\": 7}");
            assertFailed(ex, "Bad", "c7");
        }
    }

    @Nested
    class Intrinsics {
        @Test
        void pathArgumentSelectingNothing() {
            // Quoted from a real execution ("The function 'States.Array(...)' had the following error: The JsonPath
            // argument for the field '...' could not be found in the input '...'").
            assertFailed(single("{\"Type\": \"Pass\", \"Parameters\": {\"r.$\": \"States.Format('{}', $.nope)\"}, "
                            + "\"End\": true}", "{\"other\":1}"),
                    "States.Runtime", PREFIX + "The function 'States.Format('{}', $.nope)' had the following error: "
                            + "The JsonPath argument for the field '$.nope' could not be found in the input '{\"other\":1}'");
        }

        @Test
        void functionRejectingItsArguments() {
            // Unverified detail after the verified "The function '...' had the following error: " prefix.
            assertFailed(single("{\"Type\": \"Pass\", \"Parameters\": {\"r.$\": \"States.ArrayGetItem($.a, 5)\"}, "
                            + "\"End\": true}", "{\"a\": [1]}"),
                    "States.IntrinsicFailure", PREFIX + "The function 'States.ArrayGetItem($.a, 5)' had the following "
                            + "error: Invalid arguments in States.ArrayGetItem: index 5 is out of bounds for an array of "
                            + "length 1");
        }
    }

    @Nested
    class Wait {
        @Test
        void timestampPathNotATimestampShowsTheStringUnquoted() {
            // Recorded: LocalStack test_wait.py::test_wait_timestamppath[.000] (a timestamp without an offset) and
            // test_base_scenarios.py::test_wait_timestamp_path[NO_Z].
            assertFailed(single("{\"Type\": \"Wait\", \"TimestampPath\": \"$.t\", \"End\": true}",
                            "{\"t\": \"2024-03-01T12:00:00.000\"}"),
                    "States.Runtime", PREFIX + "The TimestampPath parameter does not reference a valid ISO-8601 "
                            + "extended offset date-time format string: $.t == 2024-03-01T12:00:00.000");
        }

        @Test
        void jsonataTimestampNotATimestamp() {
            // Recorded: LocalStack test_base_scenarios.py::test_wait_timestamp_jsonata[NO_T].
            Execution ex = single("{\"QueryLanguage\": \"JSONata\", \"Type\": \"Wait\", "
                    + "\"Timestamp\": \"{% $states.input.t %}\", \"End\": true}", "{\"t\": \"2016-12-05 21:29:29Z\"}");
            String cause = PREFIX + "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format "
                    + "string: 2016-12-05 21:29:29Z";
            assertFailed(ex, "States.QueryEvaluationError", cause);
            assertThat(ex.details("EvaluationFailed").get("location").asText()).isEqualTo("Timestamp");
            assertThat(ex.details("EvaluationFailed").get("cause").asText()).isEqualTo(cause);
        }

        @Test
        void secondsPathNotAnInteger() {
            // Recorded: conformance base/test_base_wait_seconds_path__1.5.
            assertFailed(single("{\"Type\": \"Wait\", \"SecondsPath\": \"$.s\", \"End\": true}", "{\"s\": 1.5}"),
                    "States.Runtime", PREFIX + "The SecondsPath parameter cannot be parsed as a long value: $.s == 1.5");
        }

        @Test
        void secondsPathStringIsShownUnquoted() {
            // Unverified: only numbers are recorded; shown as AWS shows a TimestampPath string.
            assertFailed(single("{\"Type\": \"Wait\", \"SecondsPath\": \"$.s\", \"End\": true}", "{\"s\": \"ten\"}"),
                    "States.Runtime", PREFIX + "The SecondsPath parameter cannot be parsed as a long value: $.s == ten");
        }

        @Test
        void secondsPathNegative() {
            // Recorded: conformance base/test_base_wait_seconds_path__-1.
            assertFailed(single("{\"Type\": \"Wait\", \"SecondsPath\": \"$.s\", \"End\": true}", "{\"s\": -1}"),
                    "States.Runtime", PREFIX + "The SecondsPath parameter references a negative value: $.s == -1");
        }

        @Test
        void secondsPathSelectingNothing() {
            // LocalStack's text (seconds_path.py); no AWS recording shows it.
            assertFailed(single("{\"Type\": \"Wait\", \"SecondsPath\": \"$.s\", \"End\": true}", "{}"),
                    "States.Runtime", PREFIX + "The SecondsPath parameter does not reference an input value: $.s");
        }

        @Test
        void timestampPathSelectingNothing() {
            // The text serverless-offline-step-functions reproduces from AWS.
            assertFailed(single("{\"Type\": \"Wait\", \"TimestampPath\": \"$.t\", \"End\": true}", "{}"),
                    "States.Runtime", PREFIX + "The TimestampPath parameter does not reference an input value: $.t");
        }
    }

    @Nested
    class Map {
        private static final String ITERATOR = "\"ItemProcessor\": {\"StartAt\": \"P\", \"States\": "
                + "{\"P\": {\"Type\": \"Pass\", \"End\": true}}}";

        @Test
        void itemsPathNotAnArray() {
            // Recorded for JSONPath by TestState: test_state/context_object/test_state_map_context_object.
            assertFailed(single("{\"Type\": \"Map\", \"ItemsPath\": \"$.i\", " + ITERATOR + ", \"End\": true}",
                    "{\"i\": {\"foo\": \"bar\"}}"), "States.Runtime",
                    PREFIX + "Reference path \"$.i\" must point to array.");
        }

        @Test
        void maxConcurrencyPathReadBeforeItemsPathAndEndingTheExecution() {
            // LocalStack test_base_scenarios.py::test_max_concurrency_path[max_concurrency_value0] (AWS-validated):
            // {"MaxConcurrencyValue": {}} fails with no MapStateStarted or MapStateFailed.
            Execution ex = single("{\"Type\": \"Map\", \"ItemsPath\": \"$.Values\", \"MaxConcurrencyPath\": "
                    + "\"$.MaxConcurrencyValue\", " + ITERATOR + ", \"End\": true}", "{\"MaxConcurrencyValue\": {}, "
                    + "\"Values\": \"not an array\"}");
            assertFailed(ex, "States.Runtime", PREFIX + "The MaxConcurrencyPath field refers to value \"{}\" which is not "
                    + "a valid integer: $.MaxConcurrencyValue");
            assertThat(ex.historyTypes()).containsExactly("ExecutionStarted", "MapStateEntered", "ExecutionFailed");
        }

        @Test
        void maxConcurrencyPathNotAnInteger() {
            // Recorded: LocalStack test_base_scenarios.py::test_max_concurrency_path[NoNumber].
            assertFailed(single("{\"Type\": \"Map\", \"ItemsPath\": \"$.i\", \"MaxConcurrencyPath\": \"$.m\", "
                    + ITERATOR + ", \"End\": true}", "{\"i\": [], \"m\": \"x\"}"), "States.Runtime",
                    PREFIX + "The MaxConcurrencyPath field refers to value \"x\" which is not a valid integer: $.m");
        }

        @Test
        void maxConcurrencyPathNegative() {
            // Unverified: AWS stalls such an execution (LocalStack test_max_concurrency_path_negative); we fail it.
            assertFailed(single("{\"Type\": \"Map\", \"ItemsPath\": \"$.i\", \"MaxConcurrencyPath\": \"$.m\", "
                    + ITERATOR + ", \"End\": true}", "{\"i\": [], \"m\": -1}"), "States.Runtime",
                    PREFIX + "The MaxConcurrencyPath field refers to value \"-1\" which is not a valid integer: $.m");
        }

        @Test
        void toleratedFailureCountPathNotAnInteger() {
            // Recorded: conformance map cases with ToleratedFailureCountPath "NoNumber".
            assertFailed(single("{\"Type\": \"Map\", \"ToleratedFailureCountPath\": \"$.c\", " + ITERATOR
                    + ", \"End\": true}", "[]"), "States.Runtime", PREFIX
                    + "Invalid path '$.c' : No results for path: $['c']");
            assertFailed(Execution.of("{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Map\", \"ItemsPath\": "
                    + "\"$.i\", \"ToleratedFailureCountPath\": \"$.c\", " + ITERATOR + ", \"End\": true}}}")
                    .start("{\"i\": [], \"c\": \"NoNumber\"}"), "States.Runtime", PREFIX
                    + "The ToleratedFailureCountPath field refers to value \"NoNumber\" which is not a valid integer: $.c");
        }
    }

    @Nested
    class DataLimit {
        private static final String BIG = "\"" + "a".repeat(262_145) + "\"";

        @Test
        void stateOutputOverTheLimitNamesTheState() {
            // Recorded: conformance error_handling/test_start_large_input.
            Execution ex = single("{\"Type\": \"Pass\", \"Result\": " + BIG + ", \"End\": true}", "{}");
            assertFailed(ex, "States.DataLimitExceeded",
                    "The state/task 'S' returned a result with a size exceeding the maximum number of bytes service limit.");
        }

        @Test
        void taskResultOverTheLimitFailsTheTaskNamingTheService() {
            // Recorded: LocalStack test_states_errors.py::test_service_task_lambada_data_limit_exceeded_on_large_utf8_
            // response (TaskFailed, "The state/task 'lambda' ...") and ..._catch_state_all_... (States.ALL catches it).
            Execution ex = Execution.of("""
                    {"StartAt": "S", "States": {
                      "S": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {},
                            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "H"}], "End": true},
                      "H": {"Type": "Pass", "End": true}}}""").start("{}");
            ex.apply(succeeded(ex.invoke(), "{\"Payload\": " + BIG + "}"), 1);

            String cause = "The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes "
                    + "service limit.";
            assertThat(ex.historyTypes()).containsSubsequence("TaskStarted", "TaskFailed", "TaskStateExited",
                    "PassStateEntered");
            assertThat(ex.historyTypes()).doesNotContain("TaskSucceeded");
            assertThat(ex.details("TaskFailed").get("error").asText()).isEqualTo("States.DataLimitExceeded");
            assertThat(ex.details("TaskFailed").get("cause").asText()).isEqualTo(cause);
            assertThat(ex.details("TaskFailed").get("resourceType").asText()).isEqualTo("lambda");
            assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(ex.output().get("Cause").asText()).isEqualTo(cause);
        }

        @Test
        void lambdaFunctionResultOverTheLimitNamesTheFunction() {
            // Recorded: LocalStack test_states_errors.py::test_task_lambda_data_limit_exceeded_on_large_utf8_response.
            String arn = "arn:aws:lambda:us-east-1:123456789012:function:work";
            Execution ex = single("{\"Type\": \"Task\", \"Resource\": \"" + arn + "\", \"End\": true}", "{}");
            ex.apply(succeeded(ex.invoke(), BIG), 1);

            assertFailed(ex, "States.DataLimitExceeded", "The state/task '" + arn
                    + "' returned a result with a size exceeding the maximum number of bytes service limit.");
            assertThat(ex.details("LambdaFunctionFailed").get("error").asText()).isEqualTo("States.DataLimitExceeded");
        }

        @Test
        void statesAllStillDoesNotCatchTheInterpretersOwnRuntimeErrors() {
            // AWS (concepts-error-handling): States.ALL does not match States.Runtime raised by the interpreter.
            Execution ex = Execution.of("""
                    {"StartAt": "S", "States": {
                      "S": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {},
                            "OutputPath": "$.missing",
                            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "H"}], "End": true},
                      "H": {"Type": "Pass", "End": true}}}""").start("{}");
            ex.apply(succeeded(ex.invoke(), "{}"), 1);

            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(ex.state.error).isEqualTo("States.Runtime");
        }
    }
}
