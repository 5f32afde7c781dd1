package io.stepwise.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.DefinitionParser;
import io.stepwise.asl.MapState;
import io.stepwise.asl.ParallelState;
import io.stepwise.asl.State;
import io.stepwise.asl.StateMachineDefinition;
import io.stepwise.asl.Workflow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registry gives every state of a definition, nested ones included, its processor and its bound dialect. */
class StateProcessorsTest {
    private static final String DEFINITION = """
            {"QueryLanguage": "JSONata", "StartAt": "Pass", "States": {
              "Pass": {"Type": "Pass", "Next": "Task"},
              "Task": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Choice"},
              "Choice": {"Type": "Choice", "QueryLanguage": "JSONPath",
                         "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Wait"}], "Default": "Wait"},
              "Wait": {"Type": "Wait", "Seconds": 1, "Next": "Parallel"},
              "Parallel": {"Type": "Parallel", "Next": "Inline",
                "Branches": [{"StartAt": "InBranch", "States": {"InBranch": {"Type": "Succeed"}}}]},
              "Inline": {"Type": "Map", "Next": "Distributed",
                "ItemProcessor": {"StartAt": "InInline", "States": {"InInline": {"Type": "Pass", "End": true}}}},
              "Distributed": {"Type": "Map", "Next": "Fail",
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                  "StartAt": "InDistributed", "States": {"InDistributed": {"Type": "Pass", "End": true}}}},
              "Fail": {"Type": "Fail", "Error": "E"}
            }}""";

    @Test
    void everyProcessorKindIsBuiltAndEveryStateHasOne() {
        StateMachineDefinition definition = DefinitionParser.parse(DEFINITION);
        StateProcessors processors = new StateProcessors(definition, EngineLimits.AWS);

        Set<Class<?>> kinds = new HashSet<>();
        for (State state : allStates(definition.workflow())) {
            StateProcessor processor = processors.of(state);
            assertThat(processor.state()).isSameAs(state);
            kinds.add(processor.getClass());
        }

        assertThat(kinds).containsExactlyInAnyOrder(StateProcessor.class.getPermittedSubclasses());
    }

    @Test
    void theDialectIsTheStatesOwnQueryLanguageElseTheMachines() {
        StateMachineDefinition definition = DefinitionParser.parse(DEFINITION);
        StateProcessors processors = new StateProcessors(definition, EngineLimits.AWS);
        Workflow workflow = definition.workflow();

        assertThat(processors.of(workflow.state("Pass")).dialect()).isInstanceOf(JsonataDialect.class);
        assertThat(processors.of(workflow.state("Choice")).dialect()).isInstanceOf(JsonPathDialect.class);
        assertThat(processors.of(workflow.state("Pass")).dialect())
                .isSameAs(processors.of(workflow.state("Task")).dialect());
    }

    private static List<State> allStates(Workflow workflow) {
        List<State> states = new ArrayList<>();
        for (State state : workflow.states().values()) {
            states.add(state);
            if (state instanceof ParallelState parallel) {
                parallel.branches().forEach(branch -> states.addAll(allStates(branch)));
            } else if (state instanceof MapState map) {
                states.addAll(allStates(map.processor()));
            }
        }
        return states;
    }
}
