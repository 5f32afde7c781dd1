package io.stepwise.asl.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.stepwise.asl.choice.ChoiceRule.And;
import io.stepwise.asl.choice.ChoiceRule.DataTest;
import io.stepwise.asl.choice.ChoiceRule.Not;
import io.stepwise.asl.choice.ChoiceRule.Operand;
import io.stepwise.asl.choice.ChoiceRule.Or;
import io.stepwise.query.Json;
import io.stepwise.query.JsonPathExpression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChoiceRuleParserTest {

    private static ChoiceRule parse(String json) {
        return ChoiceRuleParser.parse(Json.parse(json));
    }

    @Test
    void dataTestWithLiteral() {
        ChoiceRule rule = parse("{\"Variable\": \"$.value\", \"NumericEquals\": 0, \"Next\": \"Zero\"}");

        assertThat(rule).isInstanceOfSatisfying(DataTest.class, test -> {
            assertThat(test.variable().text()).isEqualTo("$.value");
            assertThat(test.operator()).isEqualTo(Operator.NUMERIC_EQUALS);
            assertThat(test.operand()).isEqualTo(new Operand.Literal(Json.parse("0")));
            assertThat(test.fieldName()).isEqualTo("NumericEquals");
        });
    }

    @Test
    void dataTestWithPathOperand() {
        ChoiceRule rule = parse("{\"Variable\": \"$$.Execution.Name\", \"StringEqualsPath\": \"$name.first\"}");

        assertThat(rule).isInstanceOfSatisfying(DataTest.class, test -> {
            assertThat(test.variable().root()).isEqualTo(JsonPathExpression.Root.CONTEXT);
            assertThat(test.operator()).isEqualTo(Operator.STRING_EQUALS);
            assertThat(test.operand()).isInstanceOfSatisfying(Operand.Path.class, operand -> {
                assertThat(operand.path().root()).isEqualTo(JsonPathExpression.Root.VARIABLE);
                assertThat(operand.path().variable()).isEqualTo("name");
            });
            assertThat(test.fieldName()).isEqualTo("StringEqualsPath");
        });
    }

    @ParameterizedTest
    @CsvSource({"StringEquals, '\"a\"'", "StringLessThan, '\"a\"'", "StringGreaterThan, '\"a\"'",
        "StringLessThanEquals, '\"a\"'", "StringGreaterThanEquals, '\"a\"'", "NumericEquals, 1",
        "NumericLessThan, 1", "NumericGreaterThan, 1.5", "NumericLessThanEquals, -1", "NumericGreaterThanEquals, 0",
        "BooleanEquals, true", "TimestampEquals, '\"2016-08-18T17:33:00Z\"'",
        "TimestampLessThan, '\"2016-08-18T17:33:00Z\"'", "TimestampGreaterThan, '\"2016-08-18T17:33:00Z\"'",
        "TimestampLessThanEquals, '\"2016-08-18T17:33:00Z\"'",
        "TimestampGreaterThanEquals, '\"2016-08-18T17:33:00.5+02:00\"'"})
    void everyComparisonHasALiteralAndAPathForm(String field, String literal) {
        DataTest literalForm = (DataTest) parse("{\"Variable\": \"$.v\", \"" + field + "\": " + literal + "}");
        DataTest pathForm = (DataTest) parse("{\"Variable\": \"$.v\", \"" + field + "Path\": \"$.o\"}");

        assertThat(literalForm.fieldName()).isEqualTo(field);
        assertThat(pathForm.fieldName()).isEqualTo(field + "Path");
        assertThat(pathForm.operator()).isEqualTo(literalForm.operator());
    }

    @ParameterizedTest
    @CsvSource({"StringMatches, '\"a*\"'", "IsNull, true", "IsPresent, false", "IsNumeric, true", "IsString, true",
        "IsBoolean, false", "IsTimestamp, true"})
    void operatorsWithoutPathForm(String field, String literal) {
        assertThat(((DataTest) parse("{\"Variable\": \"$.v\", \"" + field + "\": " + literal + "}")).fieldName())
                .isEqualTo(field);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> parse("{\"Variable\": \"$.v\", \"" + field + "Path\": \"$.o\"}"))
                .withMessageContaining("unexpected field '" + field + "Path'");
    }

    @Test
    void booleanCombinations() {
        ChoiceRule rule = parse("{\"And\": [{\"Not\": {\"Variable\": \"$.a\", \"IsNull\": true}},"
                + "{\"Or\": [{\"Variable\": \"$.a\", \"StringEquals\": \"x\"}, {\"Variable\": \"$.a\", \"StringEquals\": \"y\"}]}],"
                + "\"Next\": \"Done\", \"Assign\": {\"seen\": true}, \"Comment\": \"why\"}");

        assertThat(rule).isInstanceOfSatisfying(And.class, and -> {
            assertThat(and.rules()).hasSize(2);
            assertThat(and.rules().get(0)).isInstanceOf(Not.class);
            assertThat(and.rules().get(1)).isInstanceOfSatisfying(Or.class, or -> assertThat(or.rules()).hasSize(2));
        });
    }

    @Test
    void singletonCompositeIsAllowed() {
        assertThat(parse("{\"And\": [{\"Variable\": \"$.type\", \"StringEquals\": \"Public\"}], \"Next\": \"P\"}"))
                .isInstanceOf(And.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"Variable\": \"$.v\", \"Next\": \"X\"}                                   | needs a comparison operator",
        "{\"Next\": \"X\"}                                                          | needs a comparison operator",
        "{\"Variable\": \"$.v\", \"StringEquals\": \"a\", \"StringMatches\": \"a\"}  | exactly one operator, found StringEquals, StringMatches",
        "{\"And\": [{\"Variable\": \"$.v\", \"IsNull\": true}], \"Variable\": \"$.v\", \"IsNull\": true} | exactly one operator",
        "{\"Variable\": \"$.v\", \"StringEquals\": 1}                               | StringEquals needs a string, got number 1",
        "{\"Variable\": \"$.v\", \"StringMatches\": null}                           | StringMatches needs a string",
        "{\"Variable\": \"$.v\", \"NumericEquals\": \"1\"}                          | NumericEquals needs a number, got string",
        "{\"Variable\": \"$.v\", \"BooleanEquals\": \"true\"}                       | BooleanEquals needs a boolean",
        "{\"Variable\": \"$.v\", \"IsNull\": \"true\"}                              | IsNull needs a boolean",
        "{\"Variable\": \"$.v\", \"TimestampEquals\": \"2016-08-18\"}               | TimestampEquals needs an RFC 3339 timestamp",
        "{\"Variable\": \"$.v\", \"TimestampEquals\": 1471541580}                   | TimestampEquals needs an RFC 3339 timestamp",
        "{\"Variable\": \"$.v\", \"NumericEqualsPath\": 1}                          | at /NumericEqualsPath: a reference path must be a string",
        "{\"Variable\": \"$.v\", \"NumericEqualsPath\": \"value\"}                  | at /NumericEqualsPath: invalid path 'value'",
        "{\"Variable\": \"v\", \"IsNull\": true}                                    | at /Variable: invalid path 'v'",
        "{\"Variable\": \"$.v[0\", \"IsNull\": true}                                | at /Variable: invalid path",
        "{\"Variable\": 3, \"IsNull\": true}                                        | at /Variable: a reference path must be a string",
        "{\"Variable\": \"$..v\", \"IsNull\": true}                                 | not a reference path",
        "{\"Variable\": \"$.v[?(@.a)]\", \"IsNull\": true}                          | not a reference path",
        "{\"StringEquals\": \"a\"}                                                  | StringEquals needs a 'Variable'",
        "{\"Variable\": \"$.v\", \"StringEquals\": \"a\", \"Default\": \"X\"}       | unexpected field 'Default'",
        "{\"Variable\": \"$.v\", \"StringEqual\": \"a\"}                            | unexpected field 'StringEqual'",
        "{\"Condition\": \"{% true %}\"}                                           | unexpected field 'Condition'",
        "{\"And\": []}                                                              | at /And: And needs a non-empty array",
        "{\"Or\": {\"Variable\": \"$.v\", \"IsNull\": true}}                        | at /Or: Or needs a non-empty array",
        "{\"Not\": [{\"Variable\": \"$.v\", \"IsNull\": true}]}                     | at /Not: a choice rule must be an object",
        "{\"Not\": {\"Variable\": \"$.v\", \"IsNull\": true}, \"Variable\": \"$.v\"} | 'Variable' cannot be combined with Not",
        "{\"And\": [{\"Variable\": \"$.v\", \"IsNull\": true, \"Next\": \"X\"}]}   | at /And/0: unexpected field 'Next'",
        "{\"Or\": [{\"Variable\": \"$.v\", \"IsNull\": true}, {\"Variable\": \"$.v\"}]} | at /Or/1: a choice rule needs a comparison operator",
        "[]                                                                         | a choice rule must be an object",
    })
    void malformedRulesAreRejected(String rule, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> parse(rule)).withMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"$", "$.a", "$['a b'][0]", "$$", "$$.Map.Item.Value", "$myVar", "$myVar.field[2]"})
    void variableAcceptsEveryReferencePathRoot(String path) {
        assertThat(((DataTest) parse("{\"Variable\": \"" + path + "\", \"IsPresent\": true}")).variable().text())
                .isEqualTo(path);
    }
}
