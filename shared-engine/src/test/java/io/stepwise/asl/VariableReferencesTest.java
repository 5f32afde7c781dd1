package io.stepwise.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.stepwise.query.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableReferencesTest {

    private static Map<String, List<String>> of(String definition) {
        return VariableReferences.of(Json.parse(definition));
    }

    @Test
    void jsonPathPathsTemplatesIntrinsicsAndChoiceRules() {
        String definition = """
                {"StartAt":"A","States":{
                  "A":{"Type":"Pass","InputPath":"$in","Parameters":{"p.$":"$p.x","lit":"$notRead",
                       "n":{"q.$":"States.Format('{}{}', $q, $.a)"},"OutputPath":"$literalKey"},
                       "ResultPath":"$.r","Result":{"r.$":"$neverRead"},"Next":"B"},
                  "B":{"Type":"Wait","SecondsPath":"$secs","Assign":{"x.$":"$y","z":"$notAPath"},"Next":"C"},
                  "C":{"Type":"Choice","Choices":[{"And":[{"Variable":"$v1","StringEqualsPath":"$v2"},
                       {"Not":{"Variable":"$.plain","IsPresent":true}}],"Assign":{"w.$":"$v3"},"Next":"D"}],
                       "Default":"D"},
                  "D":{"Type":"Fail","ErrorPath":"$err","CausePath":"States.Format('{}', $cause)"},
                  "E":{"Type":"Succeed","OutputPath":"$$.Execution.Id"}
                }}""";
        assertThat(of(definition)).containsExactly(
                entry("A", List.of("in", "p", "q")),
                entry("B", List.of("secs", "y")),
                entry("C", List.of("v1", "v2", "v3")),
                entry("D", List.of("err", "cause")));
    }

    @Test
    void taskFieldsCatchersAndMapFields() {
        String definition = """
                {"StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSecondsPath":"$timeout",
                       "Parameters":{"FunctionName":"f","Payload.$":"$payload"},"ResultSelector":{"r.$":"$sel"},
                       "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error",
                                 "Assign":{"e.$":"$caught"},"Next":"M"}],"Next":"M"},
                  "M":{"Type":"Map","ItemsPath":"$list","ItemSelector":{"i.$":"$$.Map.Item.Value","o.$":"$outer"},
                       "MaxConcurrencyPath":"$max","ItemProcessor":{"StartAt":"In","States":{
                         "In":{"Type":"Pass","Parameters":{"a.$":"$inner"},"End":true}}},"End":true}
                }}""";
        assertThat(of(definition)).containsExactly(
                entry("T", List.of("timeout", "payload", "sel", "caught")),
                entry("M", List.of("list", "outer", "max")),
                entry("In", List.of("inner")));
    }

    @Test
    void jsonataExpressionsLeaveOutLocalBindingsFunctionsAndStates() {
        String definition = """
                {"QueryLanguage":"JSONata","StartAt":"A","States":{
                  "A":{"Type":"Pass","Output":{"v":"{% $states.input.a + $b %}","w":["{% ($l := 1; $l + $c) %}"]},
                       "Assign":{"d":"{% $uppercase($name) %}"},"Next":"P"},
                  "P":{"Type":"Parallel","Arguments":"{% $args %}","Branches":[
                        {"StartAt":"B1","States":{"B1":{"Type":"Pass","Output":"{% $fromBranch %}","End":true}}},
                        {"StartAt":"B2","States":{"B2":{"Type":"Pass","End":true}}}],
                       "Catch":[{"ErrorEquals":["States.ALL"],"Output":"{% $states.errorOutput %}",
                                 "Assign":{"x":"{% $recover %}"},"Next":"C"}],"Next":"C"},
                  "C":{"Type":"Choice","Choices":[{"Condition":"{% $flag and $count > 1 %}","Next":"S"}],"Default":"S"},
                  "S":{"Type":"Succeed","Comment":"{% $notAnExpressionField %}"}
                }}""";
        assertThat(of(definition)).containsExactly(
                entry("A", List.of("b", "c", "name")),
                entry("P", List.of("args", "recover")),
                entry("B1", List.of("fromBranch")),
                entry("C", List.of("count", "flag")));
    }

    @Test
    void statesFollowTheirOwnQueryLanguage() {
        String definition = """
                {"StartAt":"A","States":{
                  "A":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $j %}","Next":"B"},
                  "B":{"Type":"Pass","Parameters":{"x.$":"$p","y":"{% $notJsonata %}"},"End":true}
                }}""";
        assertThat(of(definition)).containsExactly(entry("A", List.of("j")), entry("B", List.of("p")));
    }

    @Test
    void statesWithoutReferencesAreLeftOut() {
        assertThat(of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}")).isEmpty();
        assertThat(of("[]")).isEmpty();
    }

    @Test
    void fromAParsedDefinition() {
        String text = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"InputPath\":\"$v\",\"End\":true}}}";
        StateMachineDefinition definition = DefinitionParser.parse(text);
        assertThat(VariableReferences.of(definition)).containsExactly(entry("A", List.of("v")));
    }
}
