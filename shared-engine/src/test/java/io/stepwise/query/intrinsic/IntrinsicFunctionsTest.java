package io.stepwise.query.intrinsic;

import static io.stepwise.query.intrinsic.IntrinsicTestSupport.context;
import static io.stepwise.query.intrinsic.IntrinsicTestSupport.eval;
import static io.stepwise.query.intrinsic.IntrinsicTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.StatesErrors;
import io.stepwise.query.StatesException;
import java.util.HashSet;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IntrinsicFunctionsTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(String expression, String input) {
        return assertThatThrownBy(() -> eval(expression, input))
                .isInstanceOfSatisfying(StatesException.class, e -> {
                    assertThat(e.error()).isEqualTo(StatesErrors.INTRINSIC_FAILURE);
                    assertThat(e.stateScoped()).isTrue();
                    assertThat(e.cause()).startsWith("The function '" + expression + "' had the following error: ");
                });
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(String expression) {
        return assertFails(expression, "{}");
    }

    @Nested
    class Format {
        @Test
        void fillsPlaceholdersInOrder() {
            assertThat(eval("States.Format('{} and {}', $.a, 2)", "{\"a\":\"one\"}")).isEqualTo(json("\"one and 2\""));
        }

        @Test
        void writesValuesAsAwsDoes() {
            assertThat(eval("States.Format('{}|{}|{}|{}|{}', null, 1.1, true, $.o, $.a)",
                    "{\"o\":{\"k\":\"v\",\"n\":{\"x\":[1,\"s\"]}},\"a\":[1,{\"b\":2}]}"))
                    .isEqualTo(json("\"null|1.1|true|{k=v, n={x=[1, s]}}|[1, {b=2}]\""));
        }

        @Test
        void escapedBracesAreNotPlaceholders() {
            assertThat(eval("States.Format('\\{\\} {} \\\\ it\\'s', 'x')")).isEqualTo(json("\"{} x \\\\ it's\""));
        }

        @Test
        void takesTheTemplateFromAPath() {
            assertThat(eval("States.Format($.t, 'x')", "{\"t\":\"<{}>\"}")).isEqualTo(json("\"<x>\""));
        }

        @Test
        void failsWhenPlaceholdersAndArgumentsDisagree() {
            assertFails("States.Format('{} {}', 1)").hasMessageContaining("more placeholders");
            assertFails("States.Format('{}', 1, 2)").hasMessageContaining("fewer placeholders");
            assertFails("States.Format(1)").hasMessageContaining("argument 1 must be a string");
        }
    }

    @Nested
    class JsonFunctions {
        @Test
        void stringToJsonParsesAnyJsonValue() {
            assertThat(eval("States.StringToJson('{\"a\":[1,2.5]}')")).isEqualTo(json("{\"a\":[1,2.5]}"));
            assertThat(eval("States.StringToJson('\"s\"')")).isEqualTo(json("\"s\""));
            assertThat(eval("States.StringToJson(' ')")).isEqualTo(json("null"));
        }

        @Test
        void stringToJsonRejectsInvalidJsonAndNonStrings() {
            assertFails("States.StringToJson('{nope')").hasMessageContaining("not valid JSON");
            assertFails("States.StringToJson(1)").hasMessageContaining("must be a string");
        }

        @Test
        void jsonToStringWritesCompactJson() {
            assertThat(eval("States.JsonToString($)", "{\"a\": [1, 1.10, \"x\"]}"))
                    .isEqualTo(json("\"{\\\"a\\\":[1,1.10,\\\"x\\\"]}\""));
        }

        @Test
        void jsonMergeIsShallowAndRightWins() {
            assertThat(eval("States.JsonMerge($.a, $.b, false)",
                    "{\"a\":{\"x\":{\"k\":1},\"y\":1},\"b\":{\"x\":{\"j\":2},\"z\":3}}"))
                    .isEqualTo(json("{\"x\":{\"j\":2},\"y\":1,\"z\":3}"));
        }

        @Test
        void jsonMergeRejectsDeepMergeAndNonObjects() {
            assertFails("States.JsonMerge($, $, true)").hasMessageContaining("deep merge is not supported");
            assertFails("States.JsonMerge($, 1, false)").hasMessageContaining("argument 2 must be a JSON object");
            assertFails("States.JsonMerge($, $, 'false')").hasMessageContaining("argument 3 must be a boolean");
        }
    }

    @Nested
    class Arrays {
        @Test
        void arrayCollectsItsArguments() {
            assertThat(eval("States.Array()")).isEqualTo(json("[]"));
            assertThat(eval("States.Array(1, 'a', $.o, null)", "{\"o\":{\"k\":[]}}"))
                    .isEqualTo(json("[1,\"a\",{\"k\":[]},null]"));
        }

        @Test
        void arrayPartitionSplitsIntoChunks() {
            assertThat(eval("States.ArrayPartition($, 2)", "[1,2,3,4,5]")).isEqualTo(json("[[1,2],[3,4],[5]]"));
            assertThat(eval("States.ArrayPartition($, 4)", "[]")).isEqualTo(json("[]"));
            assertFails("States.ArrayPartition($, 0)", "[1]").hasMessageContaining("greater than 0");
            assertFails("States.ArrayPartition($, 1.5)", "[1]").hasMessageContaining("must be an integer");
        }

        @Test
        void arrayContainsComparesDeeplyAndNumbersByValue() {
            String input = "{\"a\":[1,{\"b\":[2.0]},\"x\"]}";
            assertThat(eval("States.ArrayContains($.a, 1.0)", input)).isEqualTo(json("true"));
            assertThat(eval("States.ArrayContains($.a, $.a[1])", input)).isEqualTo(json("true"));
            assertThat(eval("States.ArrayContains($.a, 'y')", input)).isEqualTo(json("false"));
            assertFails("States.ArrayContains('a', 'a')").hasMessageContaining("argument 1 must be an array");
        }

        @Test
        void arrayRangeIncludesEndWhenTheStepReachesIt() {
            assertThat(eval("States.ArrayRange(1, 9, 2)")).isEqualTo(json("[1,3,5,7,9]"));
            assertThat(eval("States.ArrayRange(0, 10, 3)")).isEqualTo(json("[0,3,6,9]"));
            assertThat(eval("States.ArrayRange(5, 1, -2)")).isEqualTo(json("[5,3,1]"));
            assertThat(eval("States.ArrayRange(5, 1, 1)")).isEqualTo(json("[]"));
        }

        @Test
        void arrayRangeRejectsZeroStepsAndMoreThanAThousandItems() {
            assertFails("States.ArrayRange(1, 2, 0)").hasMessageContaining("step must not be 0");
            assertFails("States.ArrayRange(1, 1001, 1)").hasMessageContaining("more than 1000 items");
            assertThat(eval("States.ArrayRange(1, 1000, 1)").size()).isEqualTo(1000);
        }

        @Test
        void arrayGetItemReadsByIndex() {
            assertThat(eval("States.ArrayGetItem($, 1)", "[\"a\",\"b\"]")).isEqualTo(json("\"b\""));
            assertFails("States.ArrayGetItem($, 2)", "[\"a\",\"b\"]").hasMessageContaining("out of bounds");
            assertFails("States.ArrayGetItem($, -1)", "[\"a\"]").hasMessageContaining("out of bounds");
        }

        @Test
        void arrayLengthCountsItems() {
            assertThat(eval("States.ArrayLength($)", "[1,[2,3]]")).isEqualTo(json("2"));
            assertFails("States.ArrayLength($)", "{}").hasMessageContaining("must be an array");
        }

        @Test
        void arrayUniqueKeepsFirstOccurrences() {
            assertThat(eval("States.ArrayUnique($)", "[1,2,1.0,{\"a\":1},{\"a\":1},null,null,\"1\"]"))
                    .isEqualTo(json("[1,2,{\"a\":1},null,\"1\"]"));
        }
    }

    @Nested
    class EncodingAndHashing {
        @Test
        void base64RoundTripsUtf8() {
            assertThat(eval("States.Base64Encode('Data to encode ✓')")).isEqualTo(json("\"RGF0YSB0byBlbmNvZGUg4pyT\""));
            assertThat(eval("States.Base64Decode('RGF0YSB0byBlbmNvZGUg4pyT')")).isEqualTo(json("\"Data to encode ✓\""));
        }

        @Test
        void base64RejectsBadInput() {
            assertFails("States.Base64Decode('not base64!')").hasMessageContaining("not valid base64");
            assertFails("States.Base64Encode($.s)", "{\"s\":\"" + "x".repeat(10_001) + "\"}")
                    .hasMessageContaining("longer than 10000");
        }

        @Test
        void hashSupportsTheFiveAlgorithms() {
            assertThat(eval("States.Hash('input data', 'MD5')")).isEqualTo(json("\"812f45842bc6d66ee14572ce20db8e86\""));
            assertThat(eval("States.Hash('input data', 'SHA-1')"))
                    .isEqualTo(json("\"aaff4a450a104cd177d28d18d74485e8cae074b7\""));
            assertThat(eval("States.Hash('input data', 'SHA-256')").asText()).hasSize(64);
            assertThat(eval("States.Hash('input data', 'SHA-384')").asText()).hasSize(96);
            assertThat(eval("States.Hash('input data', 'SHA-512')").asText()).hasSize(128);
        }

        @Test
        void hashRejectsOtherAlgorithms() {
            assertFails("States.Hash('x', 'SHA-224')").hasMessageContaining("must be one of MD5");
            assertFails("States.Hash('x', 'md5')").hasMessageContaining("must be one of MD5");
        }
    }

    @Nested
    class MathFunctions {
        @Test
        void mathAddRoundsEachOperandHalfUp() {
            assertThat(eval("States.MathAdd(1.5, 1.51)")).isEqualTo(json("4"));
            assertThat(eval("States.MathAdd(-1.5, 0)")).isEqualTo(json("-1"));
            assertThat(eval("States.MathAdd(-9, 3)")).isEqualTo(json("-6"));
            assertThat(eval("States.MathAdd(2147483647, 1)")).isEqualTo(json("2147483648"));
        }

        @Test
        void mathAddRejectsNonNumbersAndOutOfRangeValues() {
            assertFails("States.MathAdd('1', 2)").hasMessageContaining("argument 1 must be a number");
            assertFails("States.MathAdd(1, 2147483648)").hasMessageContaining("must be between");
        }

        @Test
        void mathRandomStaysWithinStartInclusiveEndExclusive() {
            Set<Integer> seen = new HashSet<>();
            IntrinsicExpression expression = IntrinsicExpression.parse("States.MathRandom(1, 4)");
            var ctx = context("{}");
            for (int i = 0; i < 200; i++) {
                seen.add(expression.evaluate(ctx).intValue());
            }
            assertThat(seen).containsExactlyInAnyOrder(1, 2, 3);
        }

        @Test
        void mathRandomWithASeedRepeats() {
            JsonNode first = eval("States.MathRandom(0, 999, 3)");
            assertThat(eval("States.MathRandom(0, 999, 3)")).isEqualTo(first);
            assertThat(first.intValue()).isBetween(0, 998);
        }

        @Test
        void mathRandomRejectsAnEmptyRange() {
            assertFails("States.MathRandom(5, 5)").hasMessageContaining("must be greater than the start");
            assertFails("States.MathRandom(1, 5, 'seed')").hasMessageContaining("argument 3 must be a number");
        }
    }

    @Nested
    class StringsAndIds {
        @Test
        void stringSplitUsesEveryCharacterAsADelimiter() {
            assertThat(eval("States.StringSplit('This.is+a,test=string', '.+,=')"))
                    .isEqualTo(json("[\"This\",\"is\",\"a\",\"test\",\"string\"]"));
            assertThat(eval("States.StringSplit(',a,,b,', ',')")).isEqualTo(json("[\"a\",\"b\"]"));
            assertFails("States.StringSplit(1, ',')").hasMessageContaining("must be a string");
        }

        @Test
        void uuidIsVersion4AndComesFromTheExecutionGenerator() {
            String uuid = eval("States.UUID()").asText();
            assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(eval("States.UUID()").asText()).isEqualTo(uuid);
        }
    }

    @Nested
    class Paths {
        @Test
        void readsContextAndVariables() {
            assertThat(eval("States.Format('{} {}', $$.Execution.Name, $greeting.text)")).isEqualTo(json("\"exec-1 hi\""));
        }

        @Test
        void aMissingPathIsARuntimeErrorNamingTheExpression() {
            assertThatThrownBy(() -> eval("States.Format('{}', $.nope)", "{\"other\":1}"))
                    .isInstanceOfSatisfying(StatesException.class, e -> {
                        assertThat(e.error()).isEqualTo(StatesErrors.RUNTIME);
                        assertThat(e.cause()).isEqualTo("The function 'States.Format('{}', $.nope)' had the following "
                                + "error: The JsonPath argument for the field '$.nope' could not be found in the "
                                + "input '{\"other\":1}'");
                    });
        }

        @Test
        void nestedCallsFeedTheirResults() {
            assertThat(eval("States.ArrayGetItem(States.StringSplit($.s, '-'), "
                    + "States.MathAdd(States.ArrayLength(States.StringSplit($.s, '-')), -1))", "{\"s\":\"a-b-c\"}"))
                    .isEqualTo(json("\"c\""));
            assertThat(eval("States.JsonMerge(States.StringToJson('{\"a\": \"false\"}'), $, false)", "{\"b\":1}"))
                    .isEqualTo(json("{\"a\":\"false\",\"b\":1}"));
        }
    }
}
