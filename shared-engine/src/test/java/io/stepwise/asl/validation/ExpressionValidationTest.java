package io.stepwise.asl.validation;

import static io.stepwise.asl.validation.Diagnostic.INVALID_JSONATA_EXPRESSION;
import static io.stepwise.asl.validation.Diagnostic.SCHEMA_VALIDATION_FAILED;
import static io.stepwise.asl.validation.Diagnostic.UNSUPPORTED_JSONATA_EXPRESSION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The expression and variable rules: JSONata through the real parser and AWS's static checks, where
 * {@code $states.result} and {@code $states.errorOutput} exist, intrinsic calls through the real parser,
 * and the names an {@code Assign} may declare.
 */
class ExpressionValidationTest {

    private static List<Diagnostic> diagnostics(String definition) {
        return DefinitionValidator.validate(definition).diagnostics();
    }

    /** A JSONata machine whose one state {@code name} has the given fields (JSON object text without braces). */
    private static String jsonata(String name, String stateFields) {
        return "{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"" + name + "\",\"States\":{\"" + name + "\":{"
                + stateFields + "}}}";
    }

    /** A JSONata Pass state {@code Main} whose Output is the expression, built with Jackson to escape it. */
    private static String passOutput(String expression) {
        ObjectNode root = Json.MAPPER.createObjectNode().put("QueryLanguage", "JSONata").put("StartAt", "Main");
        root.putObject("States").putObject("Main").put("Type", "Pass").put("Output", "{% " + expression + " %}")
                .put("End", true);
        return Json.write(root);
    }

    private static String task(String fields) {
        return jsonata("T", "\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"End\":true" + fields);
    }

    private static Diagnostic error(String code, String message, String location) {
        return Diagnostic.error(code, message, location);
    }

    @Nested
    class Jsonata {
        /** Measured on AWS: floci-io/floci issue #2670 and PR #2699. */
        @Test
        void topLevelFieldReference() {
            assertThat(diagnostics(jsonata("E", "\"Type\":\"Pass\",\"Output\":{\"v\":\"{% phone %}\"},\"End\":true")))
                    .containsExactly(error(UNSUPPORTED_JSONATA_EXPRESSION,
                            "Reference to 'phone' at the top level is not supported.", "/States/E/Output/v"));
        }

        /**
         * Measured on AWS (floci-io/floci issue #2745, PR #2786): the library's message without its
         * {@code S0xxx: } code, at the field.
         */
        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "a[1,2)|Expected \"]\", got \",\"",
            "\"unterminated|String literal must be terminated by a matching quote",
            "1 +|Unexpected end of expression",
            "{\"a\":}|The symbol \"}\" cannot be used as a unary operator",
            "$x :=|Unexpected end of expression",
            "$match(\"a\", /abc|No terminating / in regular expression",
            "phone %.other|The symbol \".\" cannot be used as a unary operator",
        })
        void unparseableExpression(String expression, String message) {
            assertThat(diagnostics(passOutput(expression)))
                    .containsExactly(error(INVALID_JSONATA_EXPRESSION, message, "/States/Main/Output"));
        }

        /** Measured on AWS (floci-io/floci PR #2786): an empty expression does not parse either. */
        @Test
        void emptyExpression() {
            assertThat(diagnostics(passOutput(""))).containsExactly(
                    error(INVALID_JSONATA_EXPRESSION, "Unexpected end of expression", "/States/Main/Output"));
        }

        /** Measured on AWS (floci-io/floci PR #2786). */
        @Test
        void contextRoot() {
            assertThat(diagnostics(passOutput("$$"))).containsExactly(
                    error(UNSUPPORTED_JSONATA_EXPRESSION, "Reference to '$$' is not supported.", "/States/Main/Output"));
        }

        @Test
        void nestedLocationsInChoiceRulesAndCatchers() {
            String choice = jsonata("C", "\"Type\":\"Choice\",\"Choices\":[{\"Condition\":\"{% x > 1 %}\","
                    + "\"Next\":\"C\"}],\"Default\":\"D\"},\"D\":{\"Type\":\"Succeed\"");
            assertThat(diagnostics(choice)).containsExactly(error(UNSUPPORTED_JSONATA_EXPRESSION,
                    "Reference to 'x' at the top level is not supported.", "/States/C/Choices[0]/Condition"));
            String catcher = jsonata("T", "\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
                    + "\"End\":true,\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"T\","
                    + "\"Output\":{\"a\":[1,\"{% 1 + %}\"]}}]");
            assertThat(diagnostics(catcher)).containsExactly(error(INVALID_JSONATA_EXPRESSION,
                    "Unexpected end of expression", "/States/T/Catch[0]/Output/a[1]"));
        }

        @Test
        void variablesStatesInputAndContextAreFine() {
            assertThat(diagnostics(passOutput("$merge([$states.input, {'c': $states.context.Execution.Id, "
                    + "'v': $myVar}])"))).isEmpty();
        }
    }

    @Nested
    class StatesFields {
        /** Measured on AWS (floci-io/floci PR #2786; the same text in anomalyco/sst issue #6110). */
        @Test
        void errorOutputOutsideACatcher() {
            assertThat(diagnostics(passOutput("$states.errorOutput"))).containsExactly(error(
                    UNSUPPORTED_JSONATA_EXPRESSION, "Field '$states.errorOutput' does not exist.", "/States/Main/Output"));
            assertThat(diagnostics(task(",\"Output\":\"{% $states.errorOutput %}\""))).containsExactly(error(
                    UNSUPPORTED_JSONATA_EXPRESSION, "Field '$states.errorOutput' does not exist.", "/States/T/Output"));
        }

        @Test
        void errorOutputInACatchersOutputAndAssign() {
            assertThat(diagnostics(task(",\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"T\","
                    + "\"Output\":\"{% $states.errorOutput %}\",\"Assign\":{\"e\":\"{% $states.errorOutput.Error %}\"}}]")))
                    .isEmpty();
        }

        /** The wording follows the measured errorOutput message; the case itself was not measured. */
        @Test
        void resultOutsideATaskMapOrParallelsOutputAndAssign() {
            assertThat(diagnostics(passOutput("$states.result"))).containsExactly(error(
                    UNSUPPORTED_JSONATA_EXPRESSION, "Field '$states.result' does not exist.", "/States/Main/Output"));
            assertThat(diagnostics(task(",\"Arguments\":{\"r\":\"{% $states.result %}\"}"))).containsExactly(error(
                    UNSUPPORTED_JSONATA_EXPRESSION, "Field '$states.result' does not exist.", "/States/T/Arguments/r"));
            assertThat(diagnostics(task(",\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"T\","
                    + "\"Output\":\"{% $states.result %}\"}]"))).containsExactly(error(UNSUPPORTED_JSONATA_EXPRESSION,
                    "Field '$states.result' does not exist.", "/States/T/Catch[0]/Output"));
        }

        @Test
        void resultInATaskMapOrParallelsOutputAndAssign() {
            assertThat(diagnostics(task(",\"Output\":\"{% $states.result %}\",\"Assign\":{\"r\":\"{% $states.result.x %}\"}")))
                    .isEmpty();
            String map = jsonata("M", "\"Type\":\"Map\",\"Items\":[1],\"Output\":\"{% $states.result %}\","
                    + "\"ItemProcessor\":{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}},\"End\":true");
            assertThat(diagnostics(map)).isEmpty();
            String parallel = jsonata("P", "\"Type\":\"Parallel\",\"Assign\":{\"all\":\"{% $states.result %}\"},"
                    + "\"Branches\":[{\"StartAt\":\"B\",\"States\":{\"B\":{\"Type\":\"Pass\",\"End\":true}}}],\"End\":true");
            assertThat(diagnostics(parallel)).isEmpty();
        }
    }

    @Nested
    class Intrinsics {
        private String parameters(String value) {
            ObjectNode root = Json.MAPPER.createObjectNode().put("StartAt", "S");
            ObjectNode state = root.putObject("States").putObject("S").put("Type", "Pass").put("End", true);
            state.putObject("Parameters").put("v.$", value);
            return Json.write(root);
        }

        @ParameterizedTest
        @ValueSource(strings = {"States.Nope($.a)", "States.Format('{}'", "States.Format('{}', $.a) x",
            "States.ArrayLength()", "States.Format('\\\"')", "States.Format('\\n')"})
        void rejected(String call) {
            assertThat(diagnostics(parameters(call))).containsExactly(error(SCHEMA_VALIDATION_FAILED,
                    "The value for the field 'v.$' must be a valid JSONPath or a valid intrinsic function call",
                    "/States/S/Parameters"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"States.Format('{} \\{\\} \\' \\\\', $.a)", "States.ArrayLength(States.Array(1, 2))",
            "States.UUID()", "States.JsonMerge($.a, $myVar, false)"})
        void accepted(String call) {
            assertThat(diagnostics(parameters(call))).isEmpty();
        }
    }

    @Nested
    class Variables {
        private static final String INVALID = "The variable name '%s' is not valid: a variable name must start "
                + "with a Unicode ID_Start character, continue with ID_Continue characters, and name a whole variable";

        private String assignJsonata(String key) {
            ObjectNode root = Json.MAPPER.createObjectNode().put("QueryLanguage", "JSONata").put("StartAt", "S");
            ObjectNode state = root.putObject("States").putObject("S").put("Type", "Pass").put("End", true);
            state.putObject("Assign").put(key, 1);
            return Json.write(root);
        }

        private String assignJsonPath(String key) {
            ObjectNode root = Json.MAPPER.createObjectNode().put("StartAt", "S");
            ObjectNode state = root.putObject("States").putObject("S").put("Type", "Pass").put("End", true);
            state.putObject("Assign").put(key, key.endsWith(".$") ? "$.a" : "1");
            return Json.write(root);
        }

        @ParameterizedTest
        @ValueSource(strings = {"x.y", "x[0]", "1abc", "a-b", "", "my var"})
        void invalidNames(String name) {
            Diagnostic expected = error(SCHEMA_VALIDATION_FAILED, INVALID.formatted(name), "/States/S/Assign");
            assertThat(diagnostics(assignJsonata(name))).containsExactly(expected);
            assertThat(diagnostics(assignJsonPath(name))).containsExactly(expected);
        }

        @Test
        void partialPathWithDynamicSuffixInJsonPath() {
            assertThat(diagnostics(assignJsonPath("x.y.$"))).containsExactly(
                    error(SCHEMA_VALIDATION_FAILED, INVALID.formatted("x.y"), "/States/S/Assign"));
            // In JSONata the suffix is no suffix: the key itself is the name.
            assertThat(diagnostics(assignJsonata("x.$"))).containsExactly(
                    error(SCHEMA_VALIDATION_FAILED, INVALID.formatted("x.$"), "/States/S/Assign"));
        }

        @Test
        void reservedAndTooLong() {
            assertThat(diagnostics(assignJsonata("states"))).containsExactly(
                    error(SCHEMA_VALIDATION_FAILED, "The variable name 'states' is reserved", "/States/S/Assign"));
            assertThat(diagnostics(assignJsonPath("states.$"))).containsExactly(
                    error(SCHEMA_VALIDATION_FAILED, "The variable name 'states' is reserved", "/States/S/Assign"));
            assertThat(diagnostics(assignJsonata("a".repeat(81)))).containsExactly(error(SCHEMA_VALIDATION_FAILED,
                    "Variable name cannot be longer than 80 characters", "/States/S/Assign"));
            assertThat(diagnostics(assignJsonata("a".repeat(80)))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"x", "myVar2", "_private", "ñandú", "变量", "x_y", "States"})
        void validNames(String name) {
            assertThat(diagnostics(assignJsonata(name))).isEmpty();
            assertThat(diagnostics(assignJsonPath(name))).isEmpty();
            assertThat(diagnostics(assignJsonPath(name + ".$"))).isEmpty();
        }

        @Test
        void namesAreCheckedInChoiceRulesAndCatchers() {
            String choice = jsonata("C", "\"Type\":\"Choice\",\"Choices\":[{\"Condition\":\"{% true %}\","
                    + "\"Assign\":{\"a.b\":1},\"Next\":\"D\"}],\"Default\":\"D\"},\"D\":{\"Type\":\"Succeed\"");
            assertThat(diagnostics(choice)).containsExactly(
                    error(SCHEMA_VALIDATION_FAILED, INVALID.formatted("a.b"), "/States/C/Choices[0]/Assign"));
            String catcher = task(",\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"T\",\"Assign\":{\"states\":1}}]");
            assertThat(diagnostics(catcher)).containsExactly(
                    error(SCHEMA_VALIDATION_FAILED, "The variable name 'states' is reserved", "/States/T/Catch[0]/Assign"));
        }

        @Test
        void resultPathCannotReferenceAVariable() {
            String definition = "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Pass\",\"ResultPath\":\"$x.y\",\"End\":true}}}";
            assertThat(diagnostics(definition)).containsExactly(
                    error(SCHEMA_VALIDATION_FAILED, "Value is not a valid reference path", "/States/S/ResultPath"));
            String catcher = "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":"
                    + "\"arn:aws:states:::lambda:invoke\",\"End\":true,\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],"
                    + "\"Next\":\"T\",\"ResultPath\":\"$err\"}]}}}";
            assertThat(diagnostics(catcher)).containsExactly(
                    error(SCHEMA_VALIDATION_FAILED, "Value is not a valid reference path", "/States/T/Catch[0]/ResultPath"));
        }
    }
}
