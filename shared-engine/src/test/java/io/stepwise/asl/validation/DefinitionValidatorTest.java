package io.stepwise.asl.validation;

import static io.stepwise.asl.validation.Diagnostic.DUPLICATE_STATE_NAME;
import static io.stepwise.asl.validation.Diagnostic.INVALID_JSONATA_EXPRESSION;
import static io.stepwise.asl.validation.Diagnostic.INVALID_STATE_NAME;
import static io.stepwise.asl.validation.Diagnostic.MISSING_END_STATE;
import static io.stepwise.asl.validation.Diagnostic.MISSING_TRANSITION_TARGET;
import static io.stepwise.asl.validation.Diagnostic.SCHEMA_VALIDATION_FAILED;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.StateMachineType;
import io.stepwise.query.jsonata.JsonataAnalysis;
import io.stepwise.query.jsonata.JsonataDiagnostic;
import io.stepwise.query.jsonata.JsonataReferences;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DefinitionValidatorTest {

    /** A machine with one state {@code S} (JSON object text without braces) that ends the workflow. */
    private static String single(String stateFields) {
        return "{\"StartAt\":\"S\",\"States\":{\"S\":{" + stateFields + "}}}";
    }

    private static List<Diagnostic> diagnostics(String definition) {
        return DefinitionValidator.validate(definition).diagnostics();
    }

    private static Diagnostic schema(String message, String location) {
        return Diagnostic.error(SCHEMA_VALIDATION_FAILED, message, location);
    }

    @Test
    void validDefinitionIsOk() {
        ValidationResult result = DefinitionValidator.validate(single("\"Type\":\"Pass\",\"End\":true"));
        assertThat(result.ok()).isTrue();
        assertThat(result.diagnostics()).isEmpty();
    }

    @Nested
    class TopLevel {
        @Test
        void textThatIsNotAnObject() {
            assertThat(diagnostics("[1]")).containsExactly(schema("Definition must be a valid JSON object", null));
        }

        @Test
        void missingStatesAndStartAtAreListedStatesFirst() {
            assertThat(diagnostics("{}")).containsExactly(schema("These fields are required: [States, StartAt]", "/"));
        }

        @Test
        void unknownTopLevelField() {
            assertThat(diagnostics("{\"StartAt\":\"S\",\"Bogus\":1,\"States\":{\"S\":{\"Type\":\"Succeed\"}}}"))
                    .containsExactly(schema("Field 'Bogus' is not supported", "/"));
        }

        @Test
        void startAtNamingNoState() {
            assertThat(diagnostics("{\"StartAt\":\"X\",\"States\":{\"S\":{\"Type\":\"Succeed\"}}}")).containsExactly(
                    Diagnostic.error(MISSING_TRANSITION_TARGET, "Missing 'Next' target: X", "/StartAt"),
                    Diagnostic.error(MISSING_TRANSITION_TARGET, "State \"S\" is not reachable.", "/States/S"));
        }

        @Test
        void queryLanguageValue() {
            assertThat(diagnostics("{\"QueryLanguage\":\"XPath\",\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Succeed\"}}}"))
                    .containsExactly(schema("The field 'QueryLanguage' should have one of these values: "
                            + "[JSONPath, JSONata]", "/QueryLanguage"));
        }
    }

    @Nested
    class States {
        @Test
        void missingAndUnknownType() {
            assertThat(diagnostics(single("\"End\":true"))).containsExactly(
                    schema("These fields are required: [Type]", "/States/S"));
            assertThat(diagnostics(single("\"Type\":\"Nope\",\"End\":true"))).containsExactly(
                    schema("The field 'Type' should have one of these values: "
                            + "[Task, Parallel, Map, Pass, Wait, Choice, Succeed, Fail]", "/States/S/Type"));
        }

        @Test
        void fieldNotAllowedForType() {
            assertThat(diagnostics(single("\"Type\":\"Wait\",\"Seconds\":1,\"Parameters\":{},\"End\":true")))
                    .containsExactly(schema("Field 'Parameters' is not supported", "/States/S"));
            assertThat(diagnostics(single("\"Type\":\"Pass\",\"ResultSelector\":{},\"End\":true")))
                    .containsExactly(schema("Field 'ResultSelector' is not supported", "/States/S"));
        }

        @Test
        void nextAndEnd() {
            assertThat(diagnostics(single("\"Type\":\"Pass\""))).contains(
                    schema("This object should have only one of the following fields: [Next, End]", "/States/S"));
            assertThat(diagnostics(single("\"Type\":\"Pass\",\"Next\":\"S\",\"End\":true"))).containsExactly(
                    schema("There should only be one of the following fields: [Next, End]", "/States/S"));
        }

        @Test
        void everyProblemIsReported() {
            String definition = "{\"StartAt\":\"A\",\"States\":{"
                    + "\"A\":{\"Type\":\"Pass\",\"Next\":\"Missing\"},"
                    + "\"B\":{\"Type\":\"Pass\",\"InputPath\":\"$.[\",\"End\":true}}}";
            assertThat(diagnostics(definition)).containsExactly(
                    schema("The value for the field 'InputPath' must be a valid JSONPath", "/States/B"),
                    Diagnostic.error(MISSING_TRANSITION_TARGET, "Missing 'Next' target: Missing", "/States/A/Next"),
                    Diagnostic.error(MISSING_TRANSITION_TARGET, "State \"B\" is not reachable.", "/States/B"));
        }

        @Test
        void anUnterminatedBracketIsNotAPath() {
            // Jayway alone compiles "$.a[" as "$.a".
            assertThat(diagnostics(single("\"Type\":\"Pass\",\"InputPath\":\"$.a[\",\"End\":true")))
                    .containsExactly(schema("The value for the field 'InputPath' must be a valid JSONPath", "/States/S"));
            assertThat(diagnostics(single("\"Type\":\"Pass\",\"OutputPath\":\"$.a[0]['b\",\"End\":true")))
                    .containsExactly(schema("The value for the field 'OutputPath' must be a valid JSONPath", "/States/S"));
        }

        @Test
        void workflowWithoutTerminalStateHasNoLocationAndSkipsReachability() {
            String definition = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"},"
                    + "\"B\":{\"Type\":\"Pass\",\"Next\":\"A\"},\"C\":{\"Type\":\"Pass\",\"Next\":\"A\"}}}";
            assertThat(diagnostics(definition)).containsExactly(
                    Diagnostic.error(MISSING_END_STATE, "Workflow has no terminal state", null));
        }

        @Test
        void stateNameTooLong() {
            String name = "N".repeat(81);
            assertThat(diagnostics("{\"StartAt\":\"" + name + "\",\"States\":{\"" + name + "\":{\"Type\":\"Succeed\"}}}"))
                    .containsExactly(Diagnostic.error(INVALID_STATE_NAME,
                            "State name cannot be longer than 80 characters", "/States/" + name));
        }
    }

    @Nested
    class Paths {
        @Test
        void resultPathMustBeAReferencePathOnTheInput() {
            for (String path : List.of("$.a[?(@.b)]", "$$.Execution", "$var.x", "$.a[0:1]")) {
                assertThat(diagnostics(single("\"Type\":\"Pass\",\"ResultPath\":\"" + path + "\",\"End\":true")))
                        .as(path).containsExactly(schema("Value is not a valid reference path", "/States/S/ResultPath"));
            }
            assertThat(diagnostics(single("\"Type\":\"Pass\",\"ResultPath\":null,\"End\":true"))).isEmpty();
        }

        @Test
        void dynamicKeysInPayloadTemplates() {
            assertThat(diagnostics(single("\"Type\":\"Pass\",\"Parameters\":{\"a\":{\"b.$\":\"nope\"}},\"End\":true")))
                    .containsExactly(schema("The value for the field 'b.$' must be a valid JSONPath or a valid "
                            + "intrinsic function call", "/States/S/Parameters/a"));
            assertThat(diagnostics(single("\"Type\":\"Pass\",\"Parameters\":{\"b.$\":\"States.Format('{}', $.a)\","
                    + "\"c.$\":\"$$.Execution.Id\"},\"End\":true"))).isEmpty();
        }

        @Test
        void intrinsicStringsAllowOnlyAslEscapes() {
            assertThat(diagnostics(single("\"Type\":\"Pass\",\"Parameters\":{\"b.$\":\"States.Format('\\\\{\\\\} \\\\'')\"},"
                    + "\"End\":true"))).isEmpty();
            assertThat(diagnostics(single("\"Type\":\"Pass\",\"Parameters\":{\"b.$\":\"States.Format('\\\\\\\"')\"},"
                    + "\"End\":true"))).hasSize(1);
        }
    }

    @Nested
    class Choice {
        private String choice(String fields) {
            return "{\"StartAt\":\"C\",\"States\":{\"C\":{\"Type\":\"Choice\"" + fields + "},"
                    + "\"D\":{\"Type\":\"Succeed\"}}}";
        }

        @Test
        void endAndMissingChoices() {
            assertThat(diagnostics(choice(",\"End\":true,\"Default\":\"D\""))).containsExactly(
                    schema("Field 'End' is not supported", "/States/C"),
                    schema("These fields are required: [Choices]", "/States/C"));
        }

        @Test
        void ruleWithoutNextOrOperator() {
            assertThat(diagnostics(choice(",\"Default\":\"D\",\"Choices\":[{\"Variable\":\"$.a\"}]"))).containsExactly(
                    schema("These fields are required: [Next]", "/States/C/Choices[0]"),
                    schema("A Choice Rule with a 'Variable' must have exactly one comparison operator",
                            "/States/C/Choices[0]"));
        }

        @Test
        void ruleTargetsAndNestedNext() {
            assertThat(diagnostics(choice(",\"Choices\":[{\"Not\":{\"Variable\":\"$.a\",\"IsNull\":true,"
                    + "\"Next\":\"D\"},\"Next\":\"Nope\"}],\"Default\":\"D\""))).containsExactly(
                    schema("Field 'Next' is not supported", "/States/C/Choices[0]/Not"),
                    Diagnostic.error(MISSING_TRANSITION_TARGET, "Missing 'Next' target: Nope",
                            "/States/C/Choices[0]/Next"));
        }
    }

    @Nested
    class ErrorHandling {
        private String task(String handlers) {
            return "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
                    + "\"End\":true" + handlers + "}}}";
        }

        @Test
        void statesAllMustBeAloneAndLast() {
            assertThat(diagnostics(task(",\"Retry\":[{\"ErrorEquals\":[\"States.ALL\",\"X\"]},{\"ErrorEquals\":[\"Y\"]}]")))
                    .containsExactly(
                            schema("'States.ALL' must appear alone in 'ErrorEquals'", "/States/T/Retry[0]/ErrorEquals"),
                            schema("'States.ALL' must appear in the last element of 'Retry'",
                                    "/States/T/Retry[0]/ErrorEquals"));
        }

        @Test
        void retrierRanges() {
            assertThat(diagnostics(task(",\"Retry\":[{\"ErrorEquals\":[\"X\"],\"IntervalSeconds\":0,\"MaxAttempts\":-1,"
                    + "\"BackoffRate\":0.5,\"MaxDelaySeconds\":31622401,\"JitterStrategy\":\"SOME\"}]"))).containsExactly(
                    schema("Minimum value is 1", "/States/T/Retry[0]/IntervalSeconds"),
                    schema("Minimum value is 0", "/States/T/Retry[0]/MaxAttempts"),
                    schema("Minimum value is 1.0", "/States/T/Retry[0]/BackoffRate"),
                    schema("Maximum value is 31622400", "/States/T/Retry[0]/MaxDelaySeconds"),
                    schema("The field 'JitterStrategy' should have one of these values: [FULL, NONE]",
                            "/States/T/Retry[0]/JitterStrategy"));
        }

        @Test
        void catcherTargetMustExist() {
            assertThat(diagnostics(task(",\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"G\"}]"))).containsExactly(
                    Diagnostic.error(MISSING_TRANSITION_TARGET, "Missing 'Next' target: G", "/States/T/Catch[0]/Next"));
        }
    }

    @Nested
    class Wait {
        @Test
        void exactlyOneDuration() {
            assertThat(diagnostics(single("\"Type\":\"Wait\",\"End\":true"))).containsExactly(schema(
                    "This object should have only one of the following fields: "
                            + "[SecondsPath, Seconds, TimestampPath, Timestamp]", "/States/S"));
            assertThat(diagnostics(single("\"Type\":\"Wait\",\"Seconds\":1,\"SecondsPath\":\"$.s\",\"End\":true")))
                    .containsExactly(schema("There should only be one of the following fields: [SecondsPath, Seconds]",
                            "/States/S"));
        }

        @Test
        void secondsAsAStringIsNotAnInteger() {
            // AWS: "SCHEMA_VALIDATION_FAILED: Expected value of type Integer" (see FieldRules.integer).
            assertThat(diagnostics(single("\"Type\":\"Wait\",\"Seconds\":\"60\",\"End\":true")))
                    .containsExactly(schema("Expected value of type Integer", "/States/S/Seconds"));
            assertThat(diagnostics(single("\"Type\":\"Wait\",\"Seconds\":true,\"End\":true")))
                    .containsExactly(schema("Expected value of type Integer", "/States/S/Seconds"));
        }

        @Test
        void timestampMustBeRfc3339() {
            assertThat(WaitValidator.isRfc3339("2016-03-14T01:59:00Z")).isTrue();
            assertThat(WaitValidator.isRfc3339("2016-03-14T01:59:00.123+01:00")).isTrue();
            for (String bad : List.of("2016-13-05T21:29:29Z", "2016-12-05T25:29:29Z", "2016-12-05 21:29:29Z",
                    "2016-12-05T21:29:29", "2016-02-30T00:00:00Z")) {
                assertThat(WaitValidator.isRfc3339(bad)).as(bad).isFalse();
            }
        }
    }

    @Nested
    class FilterPaths {
        @Test
        void aFilterComparingWithABareWordIsAccepted() {
            // Runs on AWS: the bare word is compared as a string (see JsonPathExpression.quoteBareFilterValues).
            assertThat(diagnostics(single("\"Type\":\"Pass\",\"Parameters\":{\"r.$\":"
                    + "\"$.items[?(@.name==Receipt)]\"},\"OutputPath\":\"$.items[?(@.name == Receipt)]\","
                    + "\"End\":true"))).isEmpty();
        }
    }

    @Nested
    class Fail {
        @Test
        void staticAndPathFormsExclude() {
            assertThat(diagnostics(single("\"Type\":\"Fail\",\"Error\":\"E\",\"ErrorPath\":\"$.e\","
                    + "\"Cause\":\"C\",\"CausePath\":\"$.c\""))).containsExactly(
                    schema("There should only be one of the following fields: [Error, ErrorPath]", "/States/S"),
                    schema("There should only be one of the following fields: [Cause, CausePath]", "/States/S"));
        }
    }

    @Nested
    class Task {
        @Test
        void resourceIsRequiredAndRecognised() {
            assertThat(diagnostics(single("\"Type\":\"Task\",\"End\":true"))).containsExactly(
                    schema("These fields are required: [Resource]", "/States/S"));
            assertThat(diagnostics(single("\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::dynamodb:getItem.sync\","
                    + "\"End\":true"))).containsExactly(schema("The resource provided "
                    + "arn:aws:states:::dynamodb:getItem.sync is not recognized. The value is not a valid resource ARN, "
                    + "or the resource is not available in this region.", "/States/S/Resource"));
            assertThat(diagnostics(single("\"Type\":\"Task\",\"Resource\":"
                    + "\"arn:aws:lambda:us-east-1:123456789012:function:f\",\"End\":true"))).isEmpty();
            assertThat(diagnostics(single("\"Type\":\"Task\",\"Resource\":"
                    + "\"arn:aws:states:::aws-sdk:s3:listBuckets\",\"End\":true"))).isEmpty();
        }

        @Test
        void timeouts() {
            assertThat(diagnostics(single("\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
                    + "\"TimeoutSeconds\":5,\"TimeoutSecondsPath\":\"$.t\",\"HeartbeatSeconds\":5,\"End\":true")))
                    .containsExactly(
                            schema("There should only be one of the following fields: [TimeoutSeconds, TimeoutSecondsPath]",
                                    "/States/S"),
                            schema("The value of 'HeartbeatSeconds' must be smaller than the value of 'TimeoutSeconds'",
                                    "/States/S/HeartbeatSeconds"));
        }

        @Test
        void patternsAServiceDoesNotOfferAreRefused() {
            for (String resource : new String[] {"arn:aws:states:::sqs:sendMessage.sync",
                    "arn:aws:states:::dynamodb:putItem.waitForTaskToken", "arn:aws:states:::http:invoke.sync",
                    "arn:aws:states:::http:invoke.waitForTaskToken", "arn:aws:states:::sqs:receiveMessage",
                    "arn:aws:states:::aws-sdk:s3:getObject.sync"}) {
                assertThat(diagnostics(single("\"Type\":\"Task\",\"Resource\":\"" + resource + "\",\"End\":true")))
                        .as(resource).containsExactly(schema("The resource provided " + resource + " is not recognized. "
                                + "The value is not a valid resource ARN, or the resource is not available in this "
                                + "region.", "/States/S/Resource"));
            }
            for (String resource : new String[] {"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                    "arn:aws:states:::states:startExecution.sync:2", "arn:aws:states:::aws-sdk:s3:getObject.waitForTaskToken"}) {
                assertThat(diagnostics(single("\"Type\":\"Task\",\"Resource\":\"" + resource + "\",\"End\":true")))
                        .as(resource).isEmpty();
            }
        }

        @Test
        void httpTaskNeedsItsEndpointMethodAndConnection() {
            String http = "\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::http:invoke\",\"End\":true,";
            assertThat(diagnostics(single(http + "\"Parameters\":{\"Authentication\":{}}"))).containsExactly(
                    schema("The field 'ApiEndpoint' is required but was missing", "/States/S/Parameters"),
                    schema("The field 'Method' is required but was missing", "/States/S/Parameters"),
                    schema("The field 'ConnectionArn' is required but was missing", "/States/S/Parameters/Authentication"));
            assertThat(diagnostics(single(http + "\"Parameters\":{\"ApiEndpoint.$\":\"$.url\",\"Method\":\"GET\","
                    + "\"Authentication\":{\"ConnectionArn.$\":\"$.c\"}}"))).isEmpty();
            assertThat(diagnostics(single(http + "\"QueryLanguage\":\"JSONata\",\"Arguments\":{"
                    + "\"ApiEndpoint\":\"{% $states.input.url %}\",\"Method\":\"GET\"}"))).containsExactly(
                    schema("The field 'Authentication' is required but was missing", "/States/S/Arguments"));
        }

        @Test
        void expressRejectsCallbackPatterns() {
            String definition = single("\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::states:startExecution.sync:2\","
                    + "\"End\":true");
            assertThat(DefinitionValidator.validate(definition, StateMachineType.STANDARD).ok()).isTrue();
            assertThat(DefinitionValidator.validate(definition, StateMachineType.EXPRESS).diagnostics())
                    .containsExactly(schema("Express state machine does not support '.sync' service integration", "/States/S/Resource"));
        }
    }

    @Nested
    class Nesting {
        @Test
        void mapProcessorIsValidatedRecursivelyAndNamesAreGloballyUnique() {
            String definition = "{\"StartAt\":\"Map\",\"States\":{\"Map\":{\"Type\":\"Map\",\"End\":true,"
                    + "\"ItemProcessor\":{\"StartAt\":\"Map\",\"States\":{\"Map\":{\"Type\":\"Pass\",\"Next\":\"Out\"}}}}}}";
            assertThat(diagnostics(definition)).containsExactly(
                    Diagnostic.error(DUPLICATE_STATE_NAME, "Duplicate State name: Map", "/States/Map/ItemProcessor/States/Map"),
                    Diagnostic.error(MISSING_TRANSITION_TARGET, "Missing 'Next' target: Out",
                            "/States/Map/ItemProcessor/States/Map/Next"),
                    Diagnostic.error(MISSING_END_STATE, "Workflow has no terminal state", null));
        }

        @Test
        void parallelBranchesAreValidatedRecursively() {
            String definition = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Parallel\",\"End\":true,"
                    + "\"Branches\":[{\"StartAt\":\"B\",\"States\":{\"B\":{\"Type\":\"Pass\"}}}]}}}";
            assertThat(diagnostics(definition)).containsExactly(
                    schema("This object should have only one of the following fields: [Next, End]",
                            "/States/P/Branches[0]/States/B"),
                    Diagnostic.error(MISSING_END_STATE, "Workflow has no terminal state", null));
        }
    }

    @Nested
    class QueryLanguages {
        @Test
        void dialectOnlyFields() {
            String jsonata = "{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Pass\","
                    + "\"InputPath\":\"$\",\"End\":true}}}";
            assertThat(diagnostics(jsonata)).containsExactly(schema("The QueryLanguage is set to 'JSONata', but field "
                    + "'InputPath' is only supported for the 'JSONPath' QueryLanguage", "/States/S"));
            assertThat(diagnostics(single("\"Type\":\"Pass\",\"Output\":1,\"End\":true"))).containsExactly(schema(
                    "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' "
                            + "QueryLanguage", "/States/S"));
        }

        @Test
        void jsonataExpressionsGoThroughTheChecker() {
            ExpressionChecker rejectAll = new ExpressionChecker() {
                @Override
                public void checkIntrinsic(String expression) {
                }

                @Override
                public JsonataAnalysis analyzeJsonata(String expression) {
                    return new JsonataAnalysis(List.of(new JsonataDiagnostic(INVALID_JSONATA_EXPRESSION,
                            "bad: " + expression)), new JsonataReferences(Set.of(), Set.of()));
                }
            };
            String definition = single("\"QueryLanguage\":\"JSONata\",\"Type\":\"Pass\",\"Output\":{\"a\":\"{% 1 + %}\"},"
                    + "\"End\":true");
            assertThat(DefinitionValidator.validate(definition, null, rejectAll).diagnostics()).containsExactly(
                    Diagnostic.error(INVALID_JSONATA_EXPRESSION, "bad:  1 + ", "/States/S/Output/a"));
        }
    }

    @Test
    void createErrorMessageJoinsErrorsLikeAws() {
        ValidationResult result = DefinitionValidator.validate(
                "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"X\"},\"B\":{\"Type\":\"Succeed\"}}}");
        assertThat(DefinitionValidator.createErrorMessage(result)).isEqualTo("Invalid State Machine Definition: "
                + "'MISSING_TRANSITION_TARGET: Missing 'Next' target: X at /States/A/Next, "
                + "MISSING_TRANSITION_TARGET: State \"B\" is not reachable. at /States/B'");
    }
}
