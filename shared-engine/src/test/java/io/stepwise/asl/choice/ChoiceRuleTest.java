package io.stepwise.asl.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.EvalContext;
import io.stepwise.query.Json;
import io.stepwise.query.StatesErrors;
import io.stepwise.query.StatesException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChoiceRuleTest {

    /** Evaluates {@code rule} (JSON) against {@code input} (JSON) with no context or variables. */
    private static boolean matches(String rule, String input) {
        return ChoiceRuleParser.parse(Json.parse(rule)).matches(new EvalContext(Json.parse(input), null, null));
    }

    /**
     * Evaluates {@code "Variable": "$.v", "<operator>": operand} against {@code {"v": value}} and the Path form
     * {@code "<operator>Path": "$.o"} against {@code {"v": value, "o": operand}}, asserting both agree.
     */
    private static boolean compare(String operator, String value, String operand) {
        boolean literal = matches("{\"Variable\": \"$.v\", \"" + operator + "\": " + operand + "}",
                "{\"v\": " + value + "}");
        boolean viaPath = matches("{\"Variable\": \"$.v\", \"" + operator + "Path\": \"$.o\"}",
                "{\"v\": " + value + ", \"o\": " + operand + "}");
        assertThat(viaPath).as("%sPath agrees with %s", operator, operator).isEqualTo(literal);
        return literal;
    }

    @Nested
    class Strings {
        @ParameterizedTest(name = "{1} {0} {2} -> {3}")
        @CsvSource(delimiter = '|', value = {
            "StringEquals            | 'abc' | 'abc' | true",
            "StringEquals            | 'abc' | 'ABC' | false",
            "StringEquals            | ' '   | '  '  | false",
            "StringLessThan          | 'A'   | 'AB'  | true",
            "StringLessThan          | 'B'   | 'AB'  | false",
            "StringLessThan          | ''    | ''    | false",
            "StringGreaterThan       | 'b'   | 'a'   | true",
            "StringGreaterThan       | 'B'   | 'a'   | false",
            "StringLessThanEquals    | ''    | ''    | true",
            "StringLessThanEquals    | 'AB'  | 'A'   | false",
            "StringGreaterThanEquals | 'AB'  | 'A'   | true",
            "StringGreaterThanEquals | 'A'   | 'AB'  | false",
        })
        void compareByCodePoint(String operator, String value, String operand, boolean expected) {
            assertThat(compare(operator, quote(value), quote(operand))).isEqualTo(expected);
        }

        @Test
        void supplementaryCharactersSortAfterTheBasicPlane() {
            // U+1F600 is a surrogate pair starting with 0xD83D, which UTF-16 order would put before U+FFFD.
            assertThat(compare("StringGreaterThan", "\"\uD83D\uDE00\"", "\"\uFFFD\"")).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "true", "null", "[\"abc\"]", "{\"a\": \"abc\"}"})
        void nonStringsNeverMatch(String value) {
            assertThat(compare("StringEquals", value, "\"abc\"")).isFalse();
            assertThat(compare("StringLessThan", value, "\"zzz\"")).isFalse();
        }

        @Test
        void pathOperandOfAnotherTypeDoesNotMatch() {
            assertThat(matches("{\"Variable\": \"$.v\", \"StringEqualsPath\": \"$.o\"}", "{\"v\": \"1\", \"o\": 1}"))
                    .isFalse();
        }
    }

    @Nested
    class Numbers {
        @ParameterizedTest(name = "{1} {0} {2} -> {3}")
        @CsvSource(delimiter = '|', value = {
            "NumericEquals            | 1                    | 1.0                  | true",
            "NumericEquals            | 0.0                  | 0                    | true",
            "NumericEquals            | 1.1                  | 1                    | false",
            "NumericEquals            | 2.22                 | 2.220                | true",
            "NumericEquals            | 9223372036854775808  | 9223372036854775807  | false",
            "NumericEquals            | -0                   | 0                    | true",
            "NumericLessThan          | 1                    | 1.5                  | true",
            "NumericLessThan          | 1                    | 1                    | false",
            "NumericLessThan          | -2                   | -1                   | true",
            "NumericGreaterThan       | 1e3                  | 999.9                | true",
            "NumericGreaterThan       | 1                    | 1.0                  | false",
            "NumericLessThanEquals    | 1                    | 1.0                  | true",
            "NumericLessThanEquals    | 1.01                 | 1                    | false",
            "NumericGreaterThanEquals | 0                    | 0.0                  | true",
            "NumericGreaterThanEquals | 0                    | 1                    | false",
        })
        void compareAsDecimals(String operator, String value, String operand, boolean expected) {
            assertThat(compare(operator, value, operand)).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"1\"", "true", "null", "[1]", "{\"a\": 1}"})
        void nonNumbersNeverMatch(String value) {
            assertThat(compare("NumericEquals", value, "1")).isFalse();
            assertThat(compare("NumericGreaterThanEquals", value, "0")).isFalse();
        }
    }

    @Nested
    class Booleans {
        @ParameterizedTest(name = "{0} BooleanEquals {1} -> {2}")
        @CsvSource({"true, true, true", "false, false, true", "true, false, false", "false, true, false",
            "1, true, false", "0, false, false", "'\"true\"', true, false", "null, false, false"})
        void equalsOnlyBooleans(String value, String operand, boolean expected) {
            assertThat(compare("BooleanEquals", value, operand)).isEqualTo(expected);
        }
    }

    @Nested
    class TimestampComparisons {
        @ParameterizedTest(name = "{1} {0} {2} -> {3}")
        @CsvSource(delimiter = '|', value = {
            "TimestampEquals            | 2012-10-09T19:00:55Z       | 2012-10-09T19:00:55Z       | true",
            "TimestampEquals            | 2012-10-09T20:00:55+01:00  | 2012-10-09T19:00:55Z       | true",
            "TimestampEquals            | 2012-10-09T19:00:55.000Z   | 2012-10-09T19:00:55Z       | true",
            "TimestampEquals            | 2012-10-09T19:00:55.001Z   | 2012-10-09T19:00:55Z       | false",
            "TimestampLessThan          | 2012-10-09T19:00:55Z       | 2012-10-09T19:00:56Z       | true",
            "TimestampLessThan          | 2012-10-09T19:00:55-00:30  | 2012-10-09T19:00:56Z       | false",
            "TimestampGreaterThan       | 2012-10-09T19:00:56Z       | 2012-10-09T19:00:55Z       | true",
            "TimestampGreaterThan       | 2012-10-09T19:00:55Z       | 2012-10-09T19:00:55Z       | false",
            "TimestampLessThanEquals    | 2012-10-09T19:00:55Z       | 2012-10-09T19:00:55Z       | true",
            "TimestampLessThanEquals    | 2012-10-09T19:00:56Z       | 2012-10-09T19:00:55Z       | false",
            "TimestampGreaterThanEquals | 2012-10-09T19:00:55.5Z     | 2012-10-09T19:00:55Z       | true",
            "TimestampGreaterThanEquals | 2012-10-09T19:00:54.999Z   | 2012-10-09T19:00:55Z       | false",
        })
        void compareAsInstants(String operator, String value, String operand, boolean expected) {
            assertThat(compare(operator, quote(value), quote(operand))).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"2012-10-09T19:00:55", "2012-10-09", "2012-10-09 19:00:55Z", "2012-10-09t19:00:55Z",
            "2012-10-09T19:00:55z", "2012-02-30T19:00:55Z", "2012-10-09T19:00Z", "2012-10-09T19:00:55+0100",
            "2023-02-24 12:15:56.832957", "", "HelloWorld"})
        void stringsThatAreNotTimestampsNeverMatch(String value) {
            assertThat(compare("TimestampEquals", quote(value), "\"2012-10-09T19:00:55Z\"")).isFalse();
            assertThat(compare("TimestampLessThan", quote(value), "\"9999-12-31T23:59:59Z\"")).isFalse();
        }

        @Test
        void nonStringsNeverMatch() {
            assertThat(compare("TimestampGreaterThanEquals", "0", "\"1970-01-01T00:00:00Z\"")).isFalse();
        }
    }

    @Nested
    class StringMatches {
        @ParameterizedTest(name = "{0} matches {1} -> {2}")
        @CsvSource(delimiter = '|', value = {
            "log-*.txt     | log-2024.txt  | true",
            "log-*.txt     | log-.txt      | true",
            "log-*.txt     | log-2024.csv  | false",
            "*             | ''            | true",
            "''            | ''            | true",
            "''            | a             | false",
            "a*b*c         | aXXbYYc       | true",
            "a*b*c         | abcabc        | true",
            "a*b*c         | acb           | false",
            "*.*.*         | a.b           | false",
            "exact         | exactly       | false",
            "\\*           | *             | true",
            "\\*           | x             | false",
            "a\\*b         | a*b           | true",
            "a\\*b         | aXb           | false",
            "\\\\          | \\            | true",
            "\\\\*         | \\anything    | true",
            "a\\b          | a\\b          | true",
            "MyString*     | mystringABC   | false",
        })
        void glob(String pattern, String text, boolean expected) {
            String rule = Json.write(Json.MAPPER.createObjectNode().put("Variable", "$.v").put("StringMatches", pattern));
            String input = Json.write(Json.MAPPER.createObjectNode().put("v", text));
            assertThat(matches(rule, input)).isEqualTo(expected);
        }

        @Test
        void nonStringsNeverMatch() {
            assertThat(matches("{\"Variable\": \"$.v\", \"StringMatches\": \"*\"}", "{\"v\": 1}")).isFalse();
        }
    }

    @Nested
    class TypeTests {
        private static final Map<String, String> VALUES = Map.of(
                "null", "null", "number", "1.5", "string", "\"2012-10-09T19:00:55\"", "timestamp",
                "\"2012-10-09T19:00:55Z\"", "boolean", "false", "array", "[]", "object", "{}");
        private static final Map<String, Set<String>> KINDS_MATCHED = Map.of(
                "IsNull", Set.of("null"), "IsNumeric", Set.of("number"), "IsString", Set.of("string", "timestamp"),
                "IsBoolean", Set.of("boolean"), "IsTimestamp", Set.of("timestamp"));

        @ParameterizedTest
        @ValueSource(strings = {"IsNull", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"})
        void testTheValueTypeAndFalseNegates(String operator) {
            VALUES.forEach((kind, value) -> {
                boolean expected = KINDS_MATCHED.get(operator).contains(kind);
                String input = "{\"v\": " + value + "}";
                assertThat(matches("{\"Variable\": \"$.v\", \"" + operator + "\": true}", input))
                        .as("%s: true on %s", operator, kind).isEqualTo(expected);
                assertThat(matches("{\"Variable\": \"$.v\", \"" + operator + "\": false}", input))
                        .as("%s: false on %s", operator, kind).isEqualTo(!expected);
            });
        }

        @ParameterizedTest(name = "{0} on {1}")
        @CsvSource(delimiter = '|', value = {
            "$.v         | {\"v\": null}  | true",
            "$.v         | {\"v\": false} | true",
            "$.w         | {\"v\": 1}     | false",
            "$.v.x       | {\"v\": 1}     | false",
            "$.v[0]      | {\"v\": [0]}   | true",
            "$undefined  | {}            | false",
        })
        void isPresentAsksWhetherThePathSelectsAnything(String path, String input, boolean present) {
            assertThat(matches("{\"Variable\": \"" + path + "\", \"IsPresent\": true}", input)).isEqualTo(present);
            assertThat(matches("{\"Variable\": \"" + path + "\", \"IsPresent\": false}", input)).isEqualTo(!present);
        }

        @Test
        void anIndexOutOfRangeIsNotPresent() {
            assertThat(matches("{\"Variable\": \"$.v[3]\", \"IsPresent\": true}", "{\"v\": [0]}")).isFalse();
        }
    }

    @Nested
    class MissingValues {
        @ParameterizedTest
        @ValueSource(strings = {"\"StringEquals\": \"a\"", "\"NumericEquals\": 1", "\"BooleanEquals\": true",
            "\"TimestampEquals\": \"2012-10-09T19:00:55Z\"", "\"StringMatches\": \"*\"", "\"IsNull\": false",
            "\"IsString\": false", "\"IsNumeric\": false", "\"IsBoolean\": false", "\"IsTimestamp\": false"})
        void missingVariableIsARuntimeError(String test) {
            assertThatThrownBy(() -> matches("{\"Variable\": \"$.missing\", " + test + "}", "{\"v\": 1}"))
                    .isInstanceOfSatisfying(StatesException.class, e -> {
                        assertThat(e.error()).isEqualTo(StatesErrors.RUNTIME);
                        assertThat(e.cause()).isEqualTo("Invalid path '$.missing': The choice state's condition "
                                + "path references an invalid value.");
                        assertThat(e.stateScoped()).isTrue();
                    });
        }

        @Test
        void missingPathOperandIsARuntimeError() {
            assertThatThrownBy(() -> matches("{\"Variable\": \"$.v\", \"NumericEqualsPath\": \"$.other\"}",
                    "{\"v\": 1}"))
                    .isInstanceOfSatisfying(StatesException.class, e -> assertThat(e.cause())
                            .isEqualTo("Invalid path '$.other': The choice state's condition path references an "
                                    + "invalid value."));
        }

        @Test
        void undefinedVariableIsARuntimeError() {
            assertThatThrownBy(() -> matches("{\"Variable\": \"$nothing\", \"IsNull\": true}", "{}"))
                    .isInstanceOfSatisfying(StatesException.class, e -> assertThat(e.cause())
                            .startsWith("Invalid path '$nothing'"));
        }
    }

    @Nested
    class Roots {
        @Test
        void variableCanAddressTheContextObjectAndWorkflowVariables() {
            JsonNode context = Json.parse("{\"Execution\": {\"Name\": \"run-1\"}}");
            EvalContext ctx = new EvalContext(Json.parse("{\"limit\": 3}"), context,
                    name -> name.equals("count") ? Json.parse("{\"n\": 3}") : null);

            assertThat(rule("{\"Variable\": \"$$.Execution.Name\", \"StringEquals\": \"run-1\"}").matches(ctx))
                    .isTrue();
            assertThat(rule("{\"Variable\": \"$count.n\", \"NumericEqualsPath\": \"$.limit\"}").matches(ctx))
                    .isTrue();
            assertThat(rule("{\"Variable\": \"$.limit\", \"NumericLessThanPath\": \"$count.n\"}").matches(ctx))
                    .isFalse();
        }

        @Test
        void theWholeInputCanBeTested() {
            assertThat(matches("{\"Variable\": \"$\", \"StringEquals\": \"No messages\"}", "\"No messages\""))
                    .isTrue();
        }
    }

    @Nested
    class BooleanCombinations {
        private static final String IN_TWENTIES = "{\"And\": ["
                + "{\"Variable\": \"$.value\", \"NumericGreaterThanEquals\": 20},"
                + "{\"Variable\": \"$.value\", \"NumericLessThan\": 30}]}";

        @Test
        void and() {
            assertThat(matches(IN_TWENTIES, "{\"value\": 22}")).isTrue();
            assertThat(matches(IN_TWENTIES, "{\"value\": 30}")).isFalse();
        }

        @Test
        void or() {
            String rule = "{\"Or\": [{\"Variable\": \"$.v\", \"IsNull\": true}, {\"Variable\": \"$.v\", \"NumericEquals\": 0}]}";
            assertThat(matches(rule, "{\"v\": null}")).isTrue();
            assertThat(matches(rule, "{\"v\": 0}")).isTrue();
            assertThat(matches(rule, "{\"v\": 1}")).isFalse();
        }

        @Test
        void notAndNesting() {
            String rule = "{\"Not\": {\"Or\": [" + IN_TWENTIES + ", {\"Variable\": \"$.value\", \"NumericEquals\": 0}]}}";
            assertThat(matches(rule, "{\"value\": 25}")).isFalse();
            assertThat(matches(rule, "{\"value\": 0}")).isFalse();
            assertThat(matches(rule, "{\"value\": 5}")).isTrue();
        }

        @Test
        void evaluationStopsAtTheDecidingOperand() {
            // The documented guard idiom: the comparison only runs (and could only fail) when the key exists.
            String guarded = "{\"And\": [{\"Variable\": \"$.maybe\", \"IsPresent\": true},"
                    + "{\"Variable\": \"$.maybe\", \"StringEquals\": \"foo\"}]}";
            assertThat(matches(guarded, "{}")).isFalse();
            assertThat(matches(guarded, "{\"maybe\": \"foo\"}")).isTrue();

            String orGuard = "{\"Or\": [{\"Variable\": \"$.maybe\", \"IsPresent\": false},"
                    + "{\"Variable\": \"$.maybe\", \"StringEquals\": \"foo\"}]}";
            assertThat(matches(orGuard, "{}")).isTrue();
        }

        @Test
        void errorsInsideCombinationsPropagate() {
            assertThatThrownBy(() -> matches("{\"Not\": {\"Variable\": \"$.x\", \"NumericEquals\": 1}}", "{}"))
                    .isInstanceOf(StatesException.class);
        }
    }

    private static ChoiceRule rule(String json) {
        return ChoiceRuleParser.parse(Json.parse(json));
    }

    private static String quote(String text) {
        return Json.write(Json.MAPPER.getNodeFactory().textNode(text));
    }
}
