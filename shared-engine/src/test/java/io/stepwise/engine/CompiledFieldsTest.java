package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.asl.StateMachineDefinition;
import io.stepwise.engine.history.HistoryEventType;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.query.Json;
import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.PayloadTemplate;
import io.stepwise.query.jsonata.JsonataExpression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every expression a definition's states hold — paths, payload templates, JSONata, the fields of a Map Run — is
 * compiled when the definition is parsed: building its interpreter and running executions on it compile nothing,
 * however many steps they take.
 */
class CompiledFieldsTest {
    private static final String JSONPATH = """
            {"StartAt": "P", "States": {
              "P": {"Type": "Pass", "Parameters": {"n.$": "$.n"}, "Assign": {"seen.$": "$.n"}, "Next": "C"},
              "C": {"Type": "Choice", "Assign": {"c.$": "$.n"},
                    "Choices": [{"Variable": "$.n", "NumericGreaterThan": 0, "Assign": {"big": true}, "Next": "T"}],
                    "Default": "T"},
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Credentials": {"RoleArn.$": "$$.Execution.RoleArn"}, "Assign": {"r.$": "$"}, "ResultPath": "$.r",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"e.$": "$.Error"}, "Next": "F"}],
                    "Next": "F"},
              "F": {"Type": "Pass", "Assign": {"x.$": "States.Format('{}', $seen)"}, "End": true}
            }}""";

    private static final String JSONATA = """
            {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
              "P": {"Type": "Pass", "Assign": {"n": "{% $states.input.n %}"},
                    "Output": {"n": "{% $states.input.n + 1 %}"}, "Next": "C"},
              "C": {"Type": "Choice", "Choices": [{"Condition": "{% $n > 0 %}", "Assign": {"big": "{% true %}"},
                    "Output": "{% $states.input %}", "Next": "W"}], "Default": "W"},
              "W": {"Type": "Wait", "Seconds": "{% 0 %}", "Next": "T"},
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Arguments": {"Payload": "{% $states.input %}"}, "TimeoutSeconds": "{% 30 %}",
                    "Output": "{% $states.result %}",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% $states.errorOutput %}", "Next": "M"}],
                    "Next": "M"},
              "M": {"Type": "Map", "Items": "{% [1, 2, 3] %}", "MaxConcurrency": "{% 2 %}",
                    "ItemSelector": {"v": "{% $states.context.Map.Item.Value %}"},
                    "ItemProcessor": {"StartAt": "I", "States": {
                      "I": {"Type": "Pass", "Output": "{% $states.input.v * 2 %}", "End": true}}},
                    "Next": "S"},
              "S": {"Type": "Succeed", "Output": "{% $states.input %}"}
            }}""";

    private static final String DISTRIBUTED_JSONATA = """
            {"QueryLanguage": "JSONata", "StartAt": "M", "States": {
              "M": {"Type": "Map", "End": true,
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                  "ReaderConfig": {"InputType": "JSON", "MaxItems": "{% 10 %}"},
                  "Arguments": {"Bucket": "{% $states.input.bucket %}", "Key": "items.json"}},
                "ItemBatcher": {"MaxItemsPerBatch": "{% 2 %}", "BatchInput": {"at": "{% $states.input.bucket %}"}},
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                  "Arguments": {"Bucket": "{% $states.input.bucket %}", "Prefix": "out"}},
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                  "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}
            }}""";

    private static final String DISTRIBUTED_JSONPATH = """
            {"StartAt": "M", "States": {
              "M": {"Type": "Map", "End": true,
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                  "ReaderConfig": {"InputType": "JSON", "MaxItemsPath": "$.max"},
                  "Parameters": {"Bucket.$": "$.bucket", "Key": "items.json"}},
                "ItemBatcher": {"MaxItemsPerBatchPath": "$.perBatch", "MaxInputBytesPerBatchPath": "$.bytes",
                  "BatchInput": {"at.$": "$.bucket"}},
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                  "Parameters": {"Bucket.$": "$.bucket", "Prefix": "out"}},
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                  "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}
            }}""";

    private static final String FAIL_PATHS = """
            {"StartAt": "F", "States": {
              "F": {"Type": "Fail", "ErrorPath": "$.error", "CausePath": "States.Format('n is {}', $.n)"}
            }}""";

    @ParameterizedTest
    @ValueSource(strings = {DISTRIBUTED_JSONPATH, DISTRIBUTED_JSONATA})
    void aMapRunsReaderBatcherAndWriterAreCompiledWithTheDefinition(String definition) {
        StateMachineDefinition parsed = DefinitionParser.parse(definition);
        long built = compilations();
        Interpreter interpreter = new Interpreter(parsed);

        Step step = interpreter.start(Execution.startAt(Execution.T0,
                "{\"bucket\": \"b\", \"max\": 10, \"perBatch\": 2, \"bytes\": 1000}", 1));

        assertThat(Execution.types(step.events())).contains(HistoryEventType.MAP_RUN_STARTED.wireName());
        assertThat(step.state().status).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(compilations()).isEqualTo(built);
    }

    @Test
    void aFailStatesErrorPathAndCausePathAreCompiledWithTheDefinition() {
        StateMachineDefinition parsed = DefinitionParser.parse(FAIL_PATHS);
        long built = compilations();
        Interpreter interpreter = new Interpreter(parsed);

        Step step = interpreter.start(Execution.startAt(Execution.T0, "{\"error\": \"Oops\", \"n\": 3}", 1));

        assertThat(step.state().status).isEqualTo(ExecutionStatus.FAILED);
        assertThat(step.events().get(step.events().size() - 1).toString()).contains("Oops").contains("n is 3");
        assertThat(compilations()).isEqualTo(built);
    }

    @ParameterizedTest
    @ValueSource(strings = {JSONPATH, JSONATA})
    void executionsCompileNothing(String definition) {
        StateMachineDefinition parsed = DefinitionParser.parse(definition);
        long built = compilations();
        Interpreter interpreter = new Interpreter(parsed);

        for (int i = 0; i < 3; i++) {
            assertThat(run(interpreter, i).status).isEqualTo(ExecutionStatus.SUCCEEDED);
        }

        long perExecution = (compilations() - built) / 3;
        System.out.println("template compilations per execution: " + perExecution);
        assertThat(compilations()).isEqualTo(built);
    }

    @ParameterizedTest
    @ValueSource(strings = {JSONPATH, JSONATA})
    void testStateCompilesNothing(String definition) {
        StateMachineDefinition parsed = DefinitionParser.parse(definition);
        long built = compilations();

        for (String name : parsed.workflow().states().keySet()) {
            StateTester.run(new StateTest(parsed.workflow().state(name), parsed.fields(), Json.parse("{\"n\": 1}"),
                    null, Json.parse("{\"Execution\": {\"Id\": \"e\"}}"), StateTest.Mock.ofResult(Json.parse("{}")),
                    StateTest.Configuration.NONE));
        }

        assertThat(compilations()).isEqualTo(built);
    }

    private static ExecutionState run(Interpreter interpreter, long seed) {
        Step step = interpreter.start(Execution.startAt(Execution.T0, "{\"n\": 1}", seed));
        Command.InvokeTask invoke = step.commands().stream().filter(Command.InvokeTask.class::isInstance)
                .map(Command.InvokeTask.class::cast).findFirst().orElseThrow();
        return interpreter.apply(step.state(), Execution.succeeded(invoke, "{\"ok\": true}"), Execution.T0).state();
    }

    private static long compilations() {
        return PayloadTemplate.compilations() + JsonataExpression.compilations() + JsonPathExpression.compilations();
    }
}
