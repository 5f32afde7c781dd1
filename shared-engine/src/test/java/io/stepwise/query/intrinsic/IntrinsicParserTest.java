package io.stepwise.query.intrinsic;

import static io.stepwise.query.intrinsic.IntrinsicTestSupport.eval;
import static io.stepwise.query.intrinsic.IntrinsicTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.intrinsic.Argument.FunctionCall;
import io.stepwise.query.intrinsic.Argument.Literal;
import io.stepwise.query.intrinsic.Argument.PathArgument;
import io.stepwise.query.intrinsic.Argument.StringLiteral;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntrinsicParserTest {
    @Test
    void parsesEveryArgumentKind() {
        IntrinsicExpression expression = IntrinsicExpression.parse(
                "States.Array('a', 1, -2.5, 1e3, true, false, null, $.x, $$.Execution.Id, $var.y, $, States.UUID())");

        FunctionCall call = expression.call();
        assertThat(call.function()).isEqualTo(IntrinsicFunction.ARRAY);
        assertThat(call.arguments()).hasSize(12);
        assertThat(call.arguments().get(0)).isEqualTo(new StringLiteral("a", "a"));
        assertThat(call.arguments().get(1)).isEqualTo(new Literal(json("1")));
        assertThat(call.arguments().get(2)).isEqualTo(new Literal(json("-2.5")));
        assertThat(call.arguments().get(3)).isEqualTo(new Literal(json("1e3")));
        assertThat(call.arguments().get(4)).isEqualTo(new Literal(json("true")));
        assertThat(call.arguments().get(6)).isEqualTo(new Literal(json("null")));
        assertThat(((PathArgument) call.arguments().get(8)).path().root()).isEqualTo(JsonPathExpression.Root.CONTEXT);
        assertThat(((PathArgument) call.arguments().get(9)).path().variable()).isEqualTo("var");
        assertThat(((PathArgument) call.arguments().get(10)).path().isRoot()).isTrue();
        assertThat(call.arguments().get(11)).isInstanceOf(FunctionCall.class);
        assertThat(expression.variableReferences()).containsExactly("var");
    }

    @Test
    void toleratesWhitespaceBetweenTokens() {
        assertThat(eval("States.MathAdd (  1 ,\n\t2 )")).isEqualTo(json("3"));
        assertThat(eval("States.Array($.a , $.b)", "{\"a\":1,\"b\":2}")).isEqualTo(json("[1,2]"));
    }

    @Test
    void unescapesReservedCharactersInStringLiterals() {
        StringLiteral literal = (StringLiteral) IntrinsicExpression
                .parse("States.Array('it\\'s \\{x\\} a\\\\b c\\d')").call().arguments().get(0);

        assertThat(literal.value()).isEqualTo("it's {x} a\\b c\\d");
        assertThat(literal.raw()).isEqualTo("it\\'s \\{x\\} a\\\\b c\\d");
    }

    @Test
    void keepsDoubleQuotesAndNewlinesInStringLiterals() {
        assertThat(eval("States.StringSplit('Hello\nWorld', '\n')")).isEqualTo(json("[\"Hello\",\"World\"]"));
        assertThat(eval("States.StringToJson('{\"a\": \"false\"}')")).isEqualTo(json("{\"a\":\"false\"}"));
    }

    @Test
    void pathsKeepBracketsQuotesAndFiltersTogether() {
        String input = "{\"a, b)\":[{\"x\":1},{\"x\":2}]}";

        assertThat(eval("States.ArrayLength($['a, b)'])", input)).isEqualTo(json("2"));
        assertThat(eval("States.Array($['a, b)'][?(@.x > 1)].x)", input)).isEqualTo(json("[[2]]"));
    }

    @Test
    void nestsUpToTenCalls() {
        String ten = "States.ArrayLength(".repeat(1) + "States.Array(".repeat(8) + "States.UUID()"
                + ")".repeat(9);
        assertThat(eval(ten)).isEqualTo(json("1"));

        String eleven = "States.Array(".repeat(10) + "States.UUID()" + ")".repeat(10);
        assertThatThrownBy(() -> IntrinsicExpression.parse(eleven))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested at most 10");
    }

    @Test
    void detectsIntrinsicsByTheirPrefix() {
        assertThat(IntrinsicExpression.isIntrinsic("States.Format('x')")).isTrue();
        assertThat(IntrinsicExpression.isIntrinsic("$.States")).isFalse();
        assertThat(IntrinsicExpression.isIntrinsic(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "States.Format", "States.Format(", "States.Format('a'", "States.Format('a',)", "States.Format(,'a')",
        "States.Format('a') x", "States.Format('unterminated)", "States.Nope()", "States.ArrayLength()",
        "States.UUID(1)", "States.MathAdd(1, 2, 3)", "States.Array(01)", "States.Array(1.)", "States.Array(#)",
        "States.Array(abc)", "States.Array($.a[)", "States.Array('a' 'b')", "States.Array((1))",
        "States.Array($..)"
    })
    void rejectsMalformedText(String text) {
        assertThatThrownBy(() -> IntrinsicExpression.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid intrinsic function '" + text + "'");
    }

    @Test
    void explainsWhatWentWrong() {
        assertThatThrownBy(() -> IntrinsicExpression.parse("States.MathAdd(1)"))
                .hasMessageContaining("States.MathAdd takes 2 arguments, but was given 1");
        assertThatThrownBy(() -> IntrinsicExpression.parse("States.Format('a' 'b')"))
                .hasMessageContaining("Expected ')' or ',' but found string 'b' at position 18");
        assertThatThrownBy(() -> IntrinsicExpression.parse("States.Frmat('a')"))
                .hasMessageContaining("Unknown intrinsic function 'States.Frmat'");
    }
}
