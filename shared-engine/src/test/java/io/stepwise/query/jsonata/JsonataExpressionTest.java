package io.stepwise.query.jsonata;

import static io.stepwise.query.jsonata.JsonataFixtures.assertFailsWith;
import static io.stepwise.query.jsonata.JsonataFixtures.bindings;
import static io.stepwise.query.jsonata.JsonataFixtures.eval;
import static io.stepwise.query.jsonata.JsonataFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import io.stepwise.query.StatesException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonataExpressionTest {

    @Test
    void numbersKeepTheirKindAndWholeDoublesPrintAsIntegers() {
        assertThat(json(eval("1 + 2"))).isEqualTo("3");
        assertThat(json(eval("1.5 * 2"))).isEqualTo("3");
        assertThat(json(eval("10 / 4"))).isEqualTo("2.5");
        assertThat(json(eval("0.1 + 0.2"))).isEqualTo("0.30000000000000004");
        assertThat(json(eval("$states.input.f", bindings("{\"f\": 1.0}")))).isEqualTo("1");
        assertThat(json(eval("$states.input.f", bindings("{\"f\": 0.1}")))).isEqualTo("0.1");
        assertThat(json(eval("$states.input.big", bindings("{\"big\": 9007199254740991}")))).isEqualTo("9007199254740991");
        assertThat(json(eval("2 * 1e20"))).isEqualTo("200000000000000000000");
        assertThat(eval("1e21").isDouble()).isTrue();
        assertThat(json(eval("$sum([1, 2.5, 3.5])"))).isEqualTo("7");
    }

    @Test
    void nullIsAValueButUndefinedFails() {
        assertThat(eval("null").isNull()).isTrue();
        assertThat(json(eval("$states.input", bindings("{\"a\": null, \"l\": [1, null]}"))))
                .isEqualTo("{\"a\":null,\"l\":[1,null]}");
        assertThat(eval("$states.input.a = null", bindings("{\"a\": null}")).booleanValue()).isTrue();
        assertFailsWith(() -> eval("$doesNotExist"),
                "The JSONata expression '$doesNotExist' specified for the field 'Output' returned nothing (undefined).");
        assertFailsWith(() -> eval("$states.input.missing", bindings("{}")),
                "The JSONata expression '$states.input.missing' specified for the field 'Output' returned nothing"
                        + " (undefined).");
    }

    /** The EvaluationFailed event's location is the field itself, not read back from the message. */
    @Test
    void failuresNameTheirFieldAsData() {
        assertThatThrownBy(() -> eval("$doesNotExist")).isInstanceOfSatisfying(StatesException.class,
                e -> assertThat(e.location()).isEqualTo("Output"));
        // The expression's own text may look like a field name; the location is still the field.
        assertThatThrownBy(() -> eval("($x := \"specified for the field 'Wrong'\"; $undefinedVariable)"))
                .isInstanceOfSatisfying(StatesException.class, e -> assertThat(e.location()).isEqualTo("Output"));
    }

    @Test
    void functionResultsAreUnsupported() {
        assertFailsWith(() -> eval("$fn := function($x){$x}"),
                "The JSONata expression '$fn := function($x){$x}' specified for the field 'Output' returned an"
                        + " unsupported result type.");
        assertFailsWith(() -> eval("$sum"),
                "The JSONata expression '$sum' specified for the field 'Output' returned an unsupported result type.");
        assertFailsWith(() -> eval("{'f': $sum}"),
                "The JSONata expression '{'f': $sum}' specified for the field 'Output' returned an unsupported result"
                        + " type.");
    }

    @Test
    void libraryErrorsCarryTheirCode() {
        assertFailsWith(() -> eval("$randomSeeded(1)"),
                "The JSONata expression '$randomSeeded(1)' specified for the field 'Output' threw an error during"
                        + " evaluation. T1006: Attempted to invoke a non-function");
        assertFailsWith(() -> eval("'a' + 1"),
                "The JSONata expression ''a' + 1' specified for the field 'Output' threw an error during evaluation."
                        + " T2001: The left side of the \"+\" operator must evaluate to a number");
    }

    @Test
    void statesMembersAndVariablesAreBound() {
        JsonataBindings bindings = bindings("{\"x\": 1}", Map.of("count", "41", "user", "{\"name\":\"ann\"}"))
                .withResult(Json.parse("{\"r\": 2}"))
                .withErrorOutput(Json.parse("{\"Error\": \"E\"}"));
        assertThat(json(eval("[$states.input.x, $states.result.r, $states.errorOutput.Error,"
                + " $states.context.Execution.Name, $count + 1, $user.name]", bindings)))
                .isEqualTo("[1,2,\"E\",\"e1\",42,\"ann\"]");
        assertFailsWith(() -> eval("$states.result", bindings("{}")),
                "The JSONata expression '$states.result' specified for the field 'Output' returned nothing"
                        + " (undefined).");
    }

    @Test
    void bindingsComeFromTheEvalContext() {
        EvalContext ctx = new EvalContext(Json.parse("{\"a\": 5}"), Json.parse("{}"), name -> Json.parse("3"));
        assertThat(json(eval("$states.input.a * $v", JsonataBindings.of(ctx)))).isEqualTo("15");
    }

    @Test
    void localBindingsAndLambdasWork() {
        assertThat(json(eval("($double := function($n){$n * 2}; $map($states.input.l, $double))",
                bindings("{\"l\": [1, 2]}")))).isEqualTo("[2,4]");
        assertThat(json(eval("$states.input.l[$ > 1]", bindings("{\"l\": [1, 2, 3]}")))).isEqualTo("[2,3]");
    }

    @Test
    void compiledExpressionsAreReusable() {
        JsonataExpression expression = JsonataExpression.compile("  $states.input.n * 2  ");
        assertThat(expression.text()).isEqualTo("$states.input.n * 2");
        assertThat(json(expression.evaluate(bindings("{\"n\": 1}"), "Output"))).isEqualTo("2");
        assertThat(json(expression.evaluate(bindings("{\"n\": 4}"), "Output"))).isEqualTo("8");
    }

    @Test
    void invalidSyntaxIsRejectedAtCompileTime() {
        assertThatThrownBy(() -> JsonataExpression.compile("1 +"))
                .isInstanceOfSatisfying(InvalidJsonataException.class, e -> {
                    assertThat(e.code()).isEqualTo("S0207");
                    assertThat(e.expression()).isEqualTo("1 +");
                });
    }

    @Test
    void runawayRecursionFailsAtTheDepthBound() {
        assertThatThrownBy(() -> eval("($f := function($n){ $f($n + 1) + 1 }; $f(0))"))
                .isInstanceOfSatisfying(io.stepwise.query.StatesException.class, e -> {
                    assertThat(e.error()).isEqualTo("States.QueryEvaluationError");
                    assertThat(e.cause()).contains("threw an error during evaluation. U1001: Stack overflow");
                });
    }

    @Test
    void ordinaryRecursionAndLongSumsStayWithinTheDepthBound() {
        assertThat(json(eval("($f := function($n){ $n <= 1 ? 1 : $n * $f($n - 1) }; $f(10))"))).isEqualTo("3628800");
        assertThat(json(eval(String.join(" + ", java.util.Collections.nCopies(60, "1"))))).isEqualTo("60");
    }

    @Test
    void aSumOfTwoHundredTermsOverflowsAsOnAws() {
        assertThatThrownBy(() -> eval(String.join(" + ", java.util.Collections.nCopies(200, "1"))))
                .hasMessageContaining("U1001: Stack overflow");
    }

    @Test
    void runawayLoopsAreStoppedByTheStepBound() {
        assertThatThrownBy(() -> eval("($f := function($n){ $n > 0 ? $f($n - 1) : 0 };"
                + " $map([1..1000000], function($x){ $map([1..1000000], function($y){ $x * $y }) }))"))
                .isInstanceOfSatisfying(io.stepwise.query.StatesException.class, e ->
                        assertThat(e.cause()).contains("U1001: Expression evaluation timeout"));
    }

    @Test
    void unexpectedResultTypeIsWordedAsAws() {
        JsonataExpression expression = JsonataExpression.compile("{'foo': 'bar'}");
        assertThat(expression.unexpectedResultType("Items", "array", Json.parse("{\"foo\":\"bar\"}")).cause())
                .isEqualTo("The JSONata expression '{'foo': 'bar'}' specified for the field 'Items' returned an"
                        + " unexpected result type. Expected 'array', but was 'object' for value: {\"foo\":\"bar\"}");
        assertThat(expression.unexpectedResultType("Items", "array", Json.parse("\"string\"")).cause())
                .endsWith("Expected 'array', but was 'string' for value: \"string\"");
    }
}
