package io.stepwise.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadTemplateTest {
    private static final JsonNode CONTEXT = Json.parse("{\"Execution\":{\"Id\":\"arn:exec\",\"Input\":{\"x\":1}}}");

    private static EvalContext context(String input) {
        return new EvalContext(Json.parse(input), CONTEXT, Map.of("user", Json.parse("{\"name\":\"ann\"}"))::get,
                new SplittableRandom(1));
    }

    private static JsonNode evaluate(String template, String input) {
        return PayloadTemplate.compile(Json.parse(template)).evaluate(context(input));
    }

    @Test
    void copiesStaticValuesAndResolvesDynamicKeys() {
        JsonNode result = evaluate("""
                {"Comment": "kept", "n": 1, "flag.$": "$.flag", "all.$": "$",
                 "id.$": "$$.Execution.Id", "name.$": "$user.name", "len.$": "States.ArrayLength($.list)"}
                """, "{\"flag\":true,\"list\":[1,2]}");

        assertThat(result).isEqualTo(Json.parse("""
                {"Comment": "kept", "n": 1, "flag": true, "all": {"flag": true, "list": [1, 2]},
                 "id": "arn:exec", "name": "ann", "len": 2}
                """));
    }

    @Test
    void walksNestedObjectsAndArrays() {
        JsonNode result = evaluate("""
                {"outer": {"inner.$": "$.a", "list": [{"v.$": "$.b"}, "plain", [{"w.$": "States.Format('{}!', $.a)"}]]}}
                """, "{\"a\":\"A\",\"b\":[1]}");

        assertThat(result).isEqualTo(Json.parse("""
                {"outer": {"inner": "A", "list": [{"v": [1]}, "plain", [{"w": "A!"}]]}}
                """));
    }

    @Test
    void indefinitePathsSelectAList() {
        assertThat(evaluate("{\"ids.$\": \"$.items[*].id\"}", "{\"items\":[{\"id\":1},{\"id\":2}]}"))
                .isEqualTo(Json.parse("{\"ids\":[1,2]}"));
    }

    @Test
    void resultsAreIndependentOfTheInputAndOfEachOther() {
        PayloadTemplate template = PayloadTemplate.compile(Json.parse("{\"c\": {\"k\": 1}, \"v.$\": \"$.o\"}"));
        EvalContext ctx = context("{\"o\":{\"p\":1}}");

        JsonNode first = template.evaluate(ctx);
        ((com.fasterxml.jackson.databind.node.ObjectNode) first.get("c")).put("k", 2);
        ((com.fasterxml.jackson.databind.node.ObjectNode) first.get("v")).put("p", 2);

        assertThat(template.evaluate(ctx)).isEqualTo(Json.parse("{\"c\": {\"k\": 1}, \"v\": {\"p\": 1}}"));
        assertThat(ctx.input()).isEqualTo(Json.parse("{\"o\":{\"p\":1}}"));
    }

    @Test
    void aMissingPathIsARuntimeErrorQuotingTheInput() {
        assertThatThrownBy(() -> evaluate("{\"nested\": {\"x.$\": \"$.x\"}}", "{\"y\": 1}"))
                .isInstanceOfSatisfying(StatesException.class, e -> {
                    assertThat(e.error()).isEqualTo(StatesErrors.RUNTIME);
                    assertThat(e.stateScoped()).isTrue();
                    assertThat(e.cause()).isEqualTo(
                            "The JSONPath '$.x' specified for the field 'x.$' could not be found in the input '{\"y\":1}'");
                });
    }

    @Test
    void anUndefinedVariableIsARuntimeError() {
        assertThatThrownBy(() -> evaluate("{\"x.$\": \"$nobody.name\"}", "{}"))
                .isInstanceOfSatisfying(StatesException.class,
                        e -> assertThat(e.error()).isEqualTo(StatesErrors.RUNTIME));
    }

    @Test
    void intrinsicFailuresPassThrough() {
        assertThatThrownBy(() -> evaluate("{\"x.$\": \"States.ArrayLength($.s)\"}", "{\"s\":\"no\"}"))
                .isInstanceOfSatisfying(StatesException.class,
                        e -> assertThat(e.error()).isEqualTo(StatesErrors.INTRINSIC_FAILURE));
    }

    @Test
    void reportsTheVariablesItReads() {
        PayloadTemplate template = PayloadTemplate.compile(Json.parse("""
                {"a.$": "$first.x", "b": [{"c.$": "States.Format('{} {}', $second, $first.y)"}],
                 "d.$": "$.notAVariable", "e.$": "$$.Execution.Id", "f": "$third"}
                """));

        assertThat(template.variableReferences()).containsExactly("first", "second");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"x.$\": 1}", "{\"x.$\": null}", "{\"x.$\": {\"a\": 1}}", "{\"x.$\": \"not a path\"}",
        "{\"n\": [{\"x.$\": \"States.Nope()\"}]}", "{\"x.$\": \"$.a[?(\"}"
    })
    void rejectsInvalidDynamicValuesAtCompileTime(String template) {
        assertThatThrownBy(() -> PayloadTemplate.compile(Json.parse(template)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
