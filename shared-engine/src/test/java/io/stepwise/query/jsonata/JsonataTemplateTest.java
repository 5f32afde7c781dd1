package io.stepwise.query.jsonata;

import static io.stepwise.query.jsonata.JsonataFixtures.assertFailsWith;
import static io.stepwise.query.jsonata.JsonataFixtures.bindings;
import static io.stepwise.query.jsonata.JsonataFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonataTemplateTest {

    private static JsonNode evaluate(String template, String input) {
        return JsonataTemplate.compile(Json.parse(template)).evaluate(bindings(input), "Output");
    }

    @Test
    void recognisesOnlyStringsThatAreExactlyDelimited() {
        assertThat(JsonataTemplate.isExpression("{% $states.input %}")).isTrue();
        assertThat(JsonataTemplate.isExpression("{%1%}")).isTrue();
        assertThat(JsonataTemplate.isExpression(" {% $states.input %}")).isFalse();
        assertThat(JsonataTemplate.isExpression("{% $states.input %} ")).isFalse();
        assertThat(JsonataTemplate.isExpression("$states.input")).isFalse();
        assertThat(JsonataTemplate.isExpression("{%}")).isFalse();
        assertThat(JsonataTemplate.expressionBody("{% 1 + 1 %}")).isEqualTo(" 1 + 1 ");
    }

    @Test
    void evaluatesExpressionsAtAnyDepthAndKeepsTheRestLiteral() {
        String template = "{\"a\": \"{% $states.input.x + 1 %}\", \"lit\": \" {% not %} \", \"path.$\": \"$.x\","
                + " \"n\": [1, 0.5, null, \"{% $states.input.x %}\", {\"deep\": \"{% [true] %}\"}], \"e\": {}}";
        assertThat(json(evaluate(template, "{\"x\": 1}"))).isEqualTo("{\"a\":2,\"lit\":\" {% not %} \",\"path.$\":\"$.x\","
                + "\"n\":[1,0.5,null,1,{\"deep\":[true]}],\"e\":{}}");
        assertThat(json(evaluate("\"{% $states.input %}\"", "[1]"))).isEqualTo("[1]");
        assertThat(json(evaluate("1.0", "{}"))).isEqualTo("1.0");
    }

    @Test
    void literalResultsCanBeMutatedSafely() {
        JsonataTemplate template = JsonataTemplate.compile(Json.parse("{\"a\": {\"b\": 1}}"));
        assertThat(template.hasExpressions()).isFalse();
        ((com.fasterxml.jackson.databind.node.ObjectNode) template.evaluate(bindings("{}"), "Output")).put("x", 1);
        assertThat(json(template.evaluate(bindings("{}"), "Output"))).isEqualTo("{\"a\":{\"b\":1}}");
    }

    @Test
    void errorsNameTheFieldPath() {
        assertFailsWith(() -> evaluate("{\"result\": \"{% $doesNotExist %}\"}", "{}"),
                "The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing"
                        + " (undefined).");
        assertFailsWith(() -> evaluate("\"{% $doesNotExist %}\"", "{}"),
                "The JSONata expression '$doesNotExist' specified for the field 'Output' returned nothing (undefined).");
        assertFailsWith(() -> JsonataTemplate.compile(Json.parse("{\"a\": {\"b\": [0, \"{% $nope %}\"]}}"))
                        .evaluate(bindings("{}"), "Arguments"),
                "The JSONata expression '$nope' specified for the field 'Arguments/a/b/1' returned nothing (undefined).");
    }

    @Test
    void listsEveryExpressionWithItsPath() {
        Map<String, String> found = new LinkedHashMap<>();
        JsonataTemplate.compile(Json.parse("{\"a\": \"{% 1 %}\", \"b\": [\"x\", \"{% 2 %}\"], \"c\": 3}"))
                .forEachExpression("Arguments", (path, expression) -> found.put(path, expression.text()));
        assertThat(found).containsExactly(Map.entry("Arguments/a", "1"), Map.entry("Arguments/b/1", "2"));
    }

    @Test
    void compileRejectsInvalidExpressions() {
        assertThatThrownBy(() -> JsonataTemplate.compile(Json.parse("{\"a\": \"{% 1 + %}\"}")))
                .isInstanceOf(InvalidJsonataException.class);
    }
}
