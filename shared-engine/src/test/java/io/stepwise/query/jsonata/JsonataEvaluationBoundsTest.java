package io.stepwise.query.jsonata;

import static io.stepwise.query.jsonata.JsonataFixtures.bindings;
import static io.stepwise.query.jsonata.JsonataFixtures.eval;
import static io.stepwise.query.jsonata.JsonataFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dashjoin.jsonata.Jsonata;
import io.stepwise.query.StatesErrors;
import io.stepwise.query.StatesException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Expressions that would pin a core or exhaust the heap inside one evaluation, many of them inside a single
 * library call, end in {@code States.QueryEvaluationError} at the evaluation's work bound instead.
 */
class JsonataEvaluationBoundsTest {

    /**
     * The default bounds but a step bound of 50,000, so loops reach it quickly; {@code JsonataExpressionTest}
     * shows a loop stopping at the default step bound.
     */
    private static final JsonataLimits FEW_STEPS = new JsonataLimits(50_000, 150, 1 << 20, 64L << 20);

    private static void assertBounded(String expression, String causePart) {
        assertThatThrownBy(() -> JsonataExpression.compile(expression).evaluate(bindings("{}"), "Output", FEW_STEPS))
                .isInstanceOfSatisfying(StatesException.class, e -> {
                    assertThat(e.error()).isEqualTo(StatesErrors.QUERY_EVALUATION_ERROR);
                    assertThat(e.cause()).contains("threw an error during evaluation. U1001: ").contains(causePart);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "$pad('x', 100000000)",
            "$pad('x', -100000000, 'ab')",
            "$length($pad('', 2000000, 'a'))",
    })
    void paddingPastTheValueBoundFailsBeforeAllocating(String expression) {
        assertBounded(expression, "$pad would produce a value of");
    }

    @Test
    void paddingGivesTheLibrarysResults() {
        assertThat(json(eval("$pad('x', 4, 'ab')"))).isEqualTo("\"xaba\"");
        assertThat(json(eval("$pad('x', -4.7, 'ab')"))).isEqualTo("\"abax\"");
        assertThat(json(eval("$pad('\uD83D\uDE00', 3)"))).isEqualTo("\"\uD83D\uDE00  \"");
        assertThat(json(eval("$pad('x', 3, '\uD83D\uDE00e')"))).isEqualTo("\"x\uD83D\uDE00e\"");
        assertThat(json(eval("$pad('long', 2)"))).isEqualTo("\"long\"");
        assertThat(json(eval("['a', 'b'].$pad(2, '#')"))).isEqualTo("[\"a#\",\"b#\"]");
        assertThat(eval("$length($pad('', 200000, 'a'))").intValue()).isEqualTo(200000);
    }

    @Test
    void arraysPastTheValueBoundFail() {
        assertBounded("$count($append([1..1000000], [1..1000000]))", "The expression produced an array of 2000000");
        assertThat(json(eval("$count([1..1000000])"))).isEqualTo("1000000");
        // The library bounds ranges itself.
        assertThatThrownBy(() -> eval("$count([1..100000000])")).hasMessageContaining("D2014: The size of the sequence");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "$count($map([1..1000000], function($x){ $map([1..1000000], function($y){ $x * $y }) }))",
            "($f := function($n){ $n > 0 ? $f($n - 1) : 0 }; $map([1..1000000], function($x){ $f(100) }))",
            "$reduce([1..1000000], function($acc, $v){ $acc + $v })",
    })
    void loopsStopAtTheStepBound(String expression) {
        assertBounded(expression, "Expression evaluation timeout");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "$contains('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', /(.*a){12}b/)",
            "$match('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', /(.*a){12}b/)",
            "$replace('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', /(.*a){12}b/, 'x')",
            "$split('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', /(.*a){12}b/)",
    })
    void catastrophicRegularExpressionsStopAtTheStepBound(String expression) {
        assertBounded(expression, "Expression evaluation timeout");
    }

    /** The library would match a called regular expression where no budget reaches. */
    @ParameterizedTest
    @ValueSource(strings = {
            "/(.*a){14}b/('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')",
            "($r := /(.*a){14}b/; $r('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'))",
            "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' ~> /(.*a){14}b/",
    })
    void aRegularExpressionCannotBeCalledDirectly(String expression) {
        assertBounded(expression, "A regular expression cannot be called directly");
    }

    @Test
    void aRegularExpressionPassedToAPartialApplicationIsStillBounded() {
        assertBounded("$map(['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'], $contains(?, /(.*a){14}b/))",
                "Expression evaluation timeout");
    }

    @Test
    void regularExpressionsStillMatchAsTheLibraryDoes() {
        assertThat(json(eval("$match('abcab', /a(b)/)")))
                .isEqualTo("[{\"match\":\"ab\",\"index\":0,\"groups\":[\"b\"]},{\"match\":\"ab\",\"index\":3,\"groups\":[\"b\"]}]");
        assertThat(eval("$contains('abc', /b/)").booleanValue()).isTrue();
        assertThat(json(eval("$replace('abab', /a(b)/, '[$1]')"))).isEqualTo("\"[b][b]\"");
        assertThat(json(eval("$replace('abab', /a/, function($m){ 'X' })"))).isEqualTo("\"XbXb\"");
        assertThat(json(eval("$split('a1b2c', /[0-9]/)"))).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(json(eval("$split('abc', '')"))).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(json(eval("$split('abc', '', 2)"))).isEqualTo("[\"a\",\"b\"]");
        assertThat(json(eval("'x' ~> $contains('x')"))).isEqualTo("true");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "($s := $pad('', 500000, 'a'); $f := function($s, $n){ $n = 0 ? $s : $f($s & $s, $n - 1) }; $f($s, 30))",
            "($s := $pad('', 1000000, 'a'); $join($map([1..1000], function($i){ $s })))",
            "($s := $pad('', 1000000, 'a'); $replace($s, 'a', 'bb'))",
            "($s := $pad('', 1000000, 'a'); $replace($s, /a/, '$0$0'))",
            "($s := $pad('', 100000, 'a'); $string($map([1..100], function($i){ $s })))",
    })
    void stringsPastTheValueBoundFail(String expression) {
        assertBounded(expression, "");
    }

    @Test
    void manyLargeValuesKeptTogetherExhaustTheAllocationBound() {
        assertBounded("($s := $pad('', 1000000, 'a'); $map([1..1000], function($i){ $s & $i }))",
                "Evaluation used too much memory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$d($a, 60)", "$string($d($a, 60))", "$count($d($a, 60).**)", "$d($a, 60) = $d($a, 60)",
            "$d($states.input, 60) ~> | ** | {'y': 2} |"})
    void anObjectThatSharesItsChildrenIsNotUnfoldedExponentially(String use) {
        assertBounded("($a := {'x': 1}; $d := function($o, $n){ $n = 0 ? $o : $d({'l': $o, 'r': $o}, $n - 1) }; "
                + use + ")", "The expression produced a value of more than 1048576 nodes");
    }

    @Test
    void sharedChildrenWithinTheBoundStillWork() {
        assertThat(eval("($a := {'x': 1}; $d := function($o, $n){ $n = 0 ? $o : $d({'l': $o, 'r': $o}, $n - 1) };"
                + " $count($d($a, 10).**))").intValue()).isEqualTo(3071);
    }

    @Test
    void valuesNestedDeeperThanJsonCannotBeReturnedOrWritten() {
        assertBounded("$reduce([1..5000], function($acc, $v){ {'a': $acc} }, {})", "nested more than 1000");
        assertBounded("$string($reduce([1..5000], function($acc, $v){ {'a': $acc} }, {}))", "nested more than 1000");
    }

    @Test
    void runawayRecursionHitsTheDepthBound() {
        assertBounded("($f := function($n){ $f($n + 1) + 1 }; $f(0))", "Stack overflow error");
    }

    @Test
    void theBoundsAreInjected() {
        JsonataLimits tight = new JsonataLimits(100, 150, 1000, 10_000);
        JsonataExpression loop = JsonataExpression.compile("$count([1..50].($ * 2))");
        assertThatThrownBy(() -> loop.evaluate(bindings("{}"), "Output", tight))
                .hasMessageContaining("Expression evaluation timeout: Check for infinite loop (more than 100");
        assertThat(loop.evaluate(bindings("{}"), "Output", JsonataLimits.DEFAULT).intValue()).isEqualTo(50);
        JsonataExpression text = JsonataExpression.compile("$pad('', 1001, 'a')");
        assertThatThrownBy(() -> text.evaluate(bindings("{}"), "Output", tight))
                .hasMessageContaining("the limit is 1000.");
    }

    @Test
    void aCatchableFailureLeavesTheThreadReadyForTheNextEvaluation() {
        assertBounded("$pad('x', 100000000)", "$pad");
        assertThat(json(eval("$pad('x', 3)"))).isEqualTo("\"x  \"");
        assertThat(json(eval("$states.input.a", bindings("{\"a\": [1, 2]}")))).isEqualTo("[1,2]");
    }

    @Test
    void theGuardedFunctionsCanBePartiallyAppliedAndChainedLikeTheBuiltIns() {
        assertThat(json(eval("$map(['xa', 'b'], $contains(?, 'a'))"))).isEqualTo("[true,false]");
        assertThat(json(eval("'ab' ~> $pad(4, '-') ~> $split('')"))).isEqualTo("[\"a\",\"b\",\"-\",\"-\"]");
        assertThat(json(eval("($j := $join(?, '+'); $j(['a', 'b']))"))).isEqualTo("\"a+b\"");
    }

    @Test
    void theGuardedFunctionsKeepTheLibrarysSignatureErrors() {
        assertThatThrownBy(() -> eval("$match(1, /a/)")).hasMessageContaining("does not match");
        assertThatThrownBy(() -> eval("$join([1, 2])")).hasMessageContaining("must be an array of");
        assertThat(Jsonata.jsonata("$pad('x', 2)").evaluate(null)).isEqualTo("x ");
    }
}
