package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.ChoiceState;
import io.stepwise.asl.DefinitionParser;
import io.stepwise.asl.FailState;
import io.stepwise.asl.MapState;
import io.stepwise.asl.ParallelState;
import io.stepwise.asl.PassState;
import io.stepwise.asl.State;
import io.stepwise.asl.StateMachineDefinition;
import io.stepwise.asl.SucceedState;
import io.stepwise.asl.TaskState;
import io.stepwise.asl.WaitState;
import io.stepwise.engine.port.IntegrationRegistry;
import io.stepwise.engine.port.TaskOutcome;
import io.stepwise.engine.port.TaskRequest;
import io.stepwise.query.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateTesterTest {
    private static final JsonNode CONTEXT = Json.parse("{\"Execution\":{\"Id\":\"e\"},\"State\":{\"Name\":\"S\"}}");

    private static StateMachineDefinition definition(String json) {
        return DefinitionParser.parse("{\"StartAt\":\"S\",\"States\":{\"S\":" + json + "}}");
    }

    /** The state {@code json} with the compiled fields of its definition, as TestState parses it. */
    private static StateTest test(String json, JsonNode input, ObjectNode variables, StateTest.Mock mock,
            StateTest.Configuration configuration, IntegrationRegistry integrations, String roleArn) {
        StateMachineDefinition parsed = definition(json);
        return new StateTest(parsed.workflow().state("S"), parsed.fields(), input, variables, CONTEXT, mock,
                configuration, integrations, roleArn);
    }

    private static StateTestResult run(String state, String input, StateTest.Mock mock,
            StateTest.Configuration configuration) {
        return StateTester.run(test(state, Json.parse(input), null, mock, configuration, null, null));
    }

    @Test
    void aTaskShowsEveryDataFlowStepOfItsMockedResult() {
        StateTestResult result = run("""
                {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","InputPath":"$.order",
                 "Parameters":{"FunctionName":"f","Payload.$":"$"},"ResultSelector":{"total.$":"$.Payload.total"},
                 "ResultPath":"$.result","OutputPath":"$.result","Next":"Ship"}""",
                "{\"order\":{\"id\":1}}", StateTest.Mock.ofResult(Json.parse("{\"Payload\":{\"total\":3}}")),
                StateTest.Configuration.NONE);

        assertThat(result.status()).isEqualTo("SUCCEEDED");
        assertThat(result.nextState()).isEqualTo("Ship");
        assertThat(result.output()).isEqualTo(Json.parse("{\"total\":3}"));
        assertThat(result.inspectionData()).isEqualTo(Json.parse("""
                {"input":{"order":{"id":1}},"afterInputPath":{"id":1},
                 "afterParameters":{"FunctionName":"f","Payload":{"id":1}},"result":{"Payload":{"total":3}},
                 "afterResultSelector":{"total":3},"afterResultPath":{"order":{"id":1},"result":{"total":3}}}"""));
    }

    /** JSONata has no paths: its dialect reports Arguments and the result, none of JSONPath's stages. */
    @Test
    void aJsonataTaskShowsItsArgumentsAndResultOnly() {
        StateTestResult result = run("""
                {"Type":"Task","QueryLanguage":"JSONata","Resource":"arn:aws:states:::lambda:invoke",
                 "Arguments":{"FunctionName":"f","Payload":"{% $states.input.order %}"},
                 "Assign":{"total":"{% $states.result.Payload.total %}"},
                 "Output":{"sum":"{% $states.result.Payload.total + 1 %}"},"Next":"Ship"}""",
                "{\"order\":{\"id\":1}}", StateTest.Mock.ofResult(Json.parse("{\"Payload\":{\"total\":3}}")),
                StateTest.Configuration.NONE);

        assertThat(result.status()).isEqualTo("SUCCEEDED");
        assertThat(result.output()).isEqualTo(Json.parse("{\"sum\":4}"));
        assertThat(result.inspectionData()).isEqualTo(Json.parse("""
                {"input":{"order":{"id":1}},"afterArguments":{"FunctionName":"f","Payload":{"id":1}},
                 "result":{"Payload":{"total":3}},"variables":{"total":3}}"""));
    }

    /** The engine's Wait assigns its variables over the effective input; TestState runs the same code. */
    @Test
    void aJsonPathWaitAssignsAsInAnExecution() {
        StateTestResult result = run("""
                {"Type":"Wait","Seconds":5,"InputPath":"$.a","Assign":{"seen.$":"$.b"},"Next":"N"}""",
                "{\"a\":{\"b\":2}}", null, StateTest.Configuration.NONE);

        assertThat(result.output()).isEqualTo(Json.parse("{\"b\":2}"));
        assertThat(result.inspectionData().get("variables")).isEqualTo(Json.parse("{\"seen\":2}"));
    }

    @Test
    void aCaughtErrorGoesThroughTheCatchersAssignAndOutput() {
        String task = """
                {"Type":"Task","QueryLanguage":"JSONata","Resource":"arn:aws:states:::lambda:invoke","End":true,
                 "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Handle","Assign":{"failed":"{% $states.input.id %}"},
                           "Output":{"why":"{% $states.errorOutput.Error %}"}}]}""";
        StateTestResult result = run(task, "{\"id\":7}", StateTest.Mock.ofError("Boom", "bad"),
                StateTest.Configuration.NONE);

        assertThat(result.status()).isEqualTo("CAUGHT_ERROR");
        assertThat(result.nextState()).isEqualTo("Handle");
        assertThat(result.output()).isEqualTo(Json.parse("{\"why\":\"Boom\"}"));
        assertThat(result.inspectionData().get("variables")).isEqualTo(Json.parse("{\"failed\":7}"));
        assertThat(result.inspectionData().get("errorDetails")).isEqualTo(Json.parse("{\"catchIndex\":0}"));
    }

    @Test
    void aMapFailsWhenMoreIterationsFailThanItToleratesAndTheRetrierReportsItsBackoff() {
        String map = """
                {"Type":"Map","ItemsPath":"$.items","ItemSelector":{"value.$":"$$.Map.Item.Value"},
                 "ToleratedFailureCount":1,
                 "Retry":[{"ErrorEquals":["States.ExceedToleratedFailureThreshold"],"IntervalSeconds":3,
                           "BackoffRate":2,"MaxAttempts":2}],
                 "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}""";
        StateTest.Mock mock = StateTest.Mock.ofResult(Json.parse("[1,2]"));
        String input = "{\"items\":[\"a\",\"b\"]}";

        StateTestResult tolerated = run(map, input, mock, new StateTest.Configuration(0, 1, null));
        StateTestResult retried = run(map, input, mock, new StateTest.Configuration(1, 2, null));
        StateTestResult exhausted = run(map, input, mock, new StateTest.Configuration(2, 2, null));

        assertThat(tolerated.status()).isEqualTo("SUCCEEDED");
        assertThat(tolerated.output()).isEqualTo(Json.parse("[1,2]"));
        assertThat(tolerated.inspectionData().get("afterItemSelector"))
                .isEqualTo(Json.parse("[{\"value\":\"a\"},{\"value\":\"b\"}]"));
        assertThat(retried.status()).isEqualTo("RETRIABLE");
        assertThat(retried.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(retried.inspectionData().get("errorDetails"))
                .isEqualTo(Json.parse("{\"retryBackoffIntervalSeconds\":6,\"retryIndex\":0}"));
        assertThat(exhausted.status()).isEqualTo("FAILED");
        assertThat(exhausted.inspectionData().get("errorDetails")).isEqualTo(Json.parse("{\"retryIndex\":0}"));
    }

    /** Every permitted subtype of {@link State} is tested in both dialects (DESIGN.md: dispatch coverage). */
    @Test
    void everyStateTypeRunsInBothDialects() {
        Map<Class<?>, String> examples = Map.of(
                PassState.class, "{\"Type\":\"Pass\",\"End\":true}",
                TaskState.class, "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::sqs:sendMessage\","
                        + "\"End\":true}",
                ChoiceState.class, "{\"Type\":\"Choice\",\"Choices\":[],\"Default\":\"D\"}",
                WaitState.class, "{\"Type\":\"Wait\",\"Seconds\":5,\"Next\":\"N\"}",
                SucceedState.class, "{\"Type\":\"Succeed\"}",
                FailState.class, "{\"Type\":\"Fail\",\"Error\":\"E\",\"Cause\":\"C\"}",
                ParallelState.class, "{\"Type\":\"Parallel\",\"End\":true,\"Branches\":"
                        + "[{\"StartAt\":\"B\",\"States\":{\"B\":{\"Type\":\"Pass\",\"End\":true}}}]}",
                MapState.class, "{\"Type\":\"Map\",\"End\":true,\"ItemProcessor\":"
                        + "{\"StartAt\":\"I\",\"States\":{\"I\":{\"Type\":\"Pass\",\"End\":true}}}}");
        assertThat(examples.keySet()).containsExactlyInAnyOrder(State.class.getPermittedSubclasses());
        StateTest.Mock mock = StateTest.Mock.ofResult(Json.parse("[{\"MessageId\":\"m\"}]"));
        for (String language : List.of("JSONPath", "JSONata")) {
            examples.forEach((type, example) -> {
                String state = example.replaceFirst("\\{", "{\"QueryLanguage\":\"" + language + "\",");
                boolean mocked = type == TaskState.class || type == ParallelState.class || type == MapState.class;
                StateTestResult result = run(state, "[1]", mocked ? mock : null, StateTest.Configuration.NONE);
                assertThat(result.status()).as(type.getSimpleName() + " in " + language)
                        .isEqualTo(type == FailState.class ? "FAILED" : "SUCCEEDED");
            });
        }
    }

    @Test
    void aJsonataChoiceSeesTheVariablesAndAssignsNewOnes() {
        StateTestResult result = StateTester.run(test("""
                {"Type":"Choice","QueryLanguage":"JSONata",
                 "Choices":[{"Condition":"{% $limit < $states.input.cost %}","Assign":{"over":true},"Next":"Ask"}],
                 "Default":"Buy"}""", Json.parse("{\"cost\":12}"), (ObjectNode)
                Json.parse("{\"limit\":10}"), null, StateTest.Configuration.NONE, null, null));

        assertThat(result.status()).isEqualTo("SUCCEEDED");
        assertThat(result.nextState()).isEqualTo("Ask");
        assertThat(result.inspectionData().get("variables")).isEqualTo(Json.parse("{\"limit\":10,\"over\":true}"));
    }

    /** As in an execution: the Task's Credentials evaluated, and the request's roleArn as the role calls run as. */
    @Test
    void aCalledTaskGetsItsEvaluatedCredentialsAndTheRequestsRole() {
        String execRole = "arn:aws:iam::123456789012:role/exec";
        String taskRole = "arn:aws:iam::123456789012:role/other";
        for (String task : List.of("""
                {"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","Parameters":{"MessageBody":"m"},
                 "Credentials":{"RoleArn.$":"$.role"},"End":true}""", """
                {"Type":"Task","QueryLanguage":"JSONata","Resource":"arn:aws:states:::sqs:sendMessage",
                 "Arguments":{"MessageBody":"m"},"Credentials":{"RoleArn":"{% $states.input.role %}"},"End":true}""")) {
            List<TaskRequest> calls = new ArrayList<>();
            IntegrationRegistry integrations = resource -> Optional.of(request -> {
                calls.add(request);
                return new TaskOutcome.Succeeded(Json.parse("{}"));
            });
            StateTestResult result = StateTester.run(test(task, Json.parse("{\"role\":\"" + taskRole + "\"}"), null,
                    null, StateTest.Configuration.NONE, integrations, execRole));

            assertThat(result.status()).isEqualTo("SUCCEEDED");
            assertThat(calls).singleElement().satisfies(call -> {
                assertThat(call.credentials()).isEqualTo(Json.parse("{\"RoleArn\":\"" + taskRole + "\"}"));
                assertThat(call.executionRoleArn()).isEqualTo(execRole);
                assertThat(call.input()).isEqualTo(Json.parse("{\"MessageBody\":\"m\"}"));
            });
        }
    }
}
