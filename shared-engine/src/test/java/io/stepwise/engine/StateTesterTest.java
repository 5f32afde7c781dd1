package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.DefinitionParser;
import io.stepwise.asl.State;
import io.stepwise.query.Json;
import org.junit.jupiter.api.Test;

class StateTesterTest {
    private static final JsonNode CONTEXT = Json.parse("{\"Execution\":{\"Id\":\"e\"},\"State\":{\"Name\":\"S\"}}");

    private static State state(String json) {
        return DefinitionParser.parse("{\"StartAt\":\"S\",\"States\":{\"S\":" + json + "}}").workflow().state("S");
    }

    private static StateTestResult run(String state, String input, StateTest.Mock mock,
            StateTest.Configuration configuration) {
        return StateTester.run(new StateTest(state(state), Json.parse(input), null, CONTEXT, mock, configuration));
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

    @Test
    void aMapFailsWhenMoreIterationsFailThanItToleratesAndTheRetrierReportsItsBackoff() {
        String map = """
                {"Type":"Map","ItemsPath":"$.items","ItemSelector":{"value.$":"$$.Map.Item.Value"},
                 "ToleratedFailureCount":1,
                 "Retry":[{"ErrorEquals":["States.ExceedToleratedFailureThreshold"],"IntervalSeconds":3,
                           "BackoffRate":2,"MaxAttempts":2}],
                 "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}""";
        StateTest.Mock mock = StateTest.Mock.ofResult(Json.parse("[1,2]"));

        StateTestResult tolerated = run(map, "{\"items\":[\"a\",\"b\"]}", mock, new StateTest.Configuration(0, 1, null));
        StateTestResult retried = run(map, "{\"items\":[\"a\",\"b\"]}", mock, new StateTest.Configuration(1, 2, null));
        StateTestResult exhausted = run(map, "{\"items\":[\"a\",\"b\"]}", mock, new StateTest.Configuration(2, 2, null));

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

    @Test
    void aJsonataChoiceSeesTheVariablesAndAssignsNewOnes() {
        StateTestResult result = StateTester.run(new StateTest(state("""
                {"Type":"Choice","QueryLanguage":"JSONata",
                 "Choices":[{"Condition":"{% $limit < $states.input.cost %}","Assign":{"over":true},"Next":"Ask"}],
                 "Default":"Buy"}"""), Json.parse("{\"cost\":12}"), (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.parse("{\"limit\":10}"), CONTEXT, null, StateTest.Configuration.NONE));

        assertThat(result.status()).isEqualTo("SUCCEEDED");
        assertThat(result.nextState()).isEqualTo("Ask");
        assertThat(result.inspectionData().get("variables")).isEqualTo(Json.parse("{\"limit\":10,\"over\":true}"));
    }
}
