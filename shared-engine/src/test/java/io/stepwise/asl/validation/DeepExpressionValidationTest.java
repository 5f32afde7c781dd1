package io.stepwise.asl.validation;

import static io.stepwise.asl.validation.Diagnostic.INVALID_JSONATA_EXPRESSION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Expressions nested deeper than the parser's recursion can take on an ordinary thread are refused at
 * validation, with the same answer on every thread, instead of overflowing the stack in the API call.
 */
class DeepExpressionValidationTest {
    private static final String TOO_DEEP = "The expression is nested too deeply: more than 1000 levels.";

    private static String passOutput(String expression) {
        ObjectNode root = Json.MAPPER.createObjectNode().put("QueryLanguage", "JSONata").put("StartAt", "Main");
        root.putObject("States").putObject("Main").put("Type", "Pass").put("Output", "{% " + expression + " %}")
                .put("End", true);
        return Json.write(root);
    }

    private static List<Diagnostic> diagnostics(String expression) {
        return DefinitionValidator.validate(passOutput(expression)).diagnostics();
    }

    private static String nested(String open, String inner, String close, int depth) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    @Test
    void fiveThousandLevelsAreAnInvalidExpression() {
        for (String expression : List.of(
                nested("(", "1", ")", 5000),
                nested("[", "1", "]", 5000),
                nested("{'a':", "1", "}", 5000),
                String.join(" + ", Collections.nCopies(5000, "1")))) {
            assertThat(diagnostics(expression)).as(expression.substring(0, 20))
                    .containsExactly(Diagnostic.error(INVALID_JSONATA_EXPRESSION, TOO_DEEP, "/States/Main/Output"));
        }
    }

    /** The parser needs a deep stack for these, but the trees it builds are flat. */
    @Test
    void longChainsThatParseFlatAreAccepted() {
        assertThat(diagnostics("-".repeat(5000) + "1")).isEmpty();
        assertThat(diagnostics("$states.input" + ".a".repeat(5000))).isEmpty();
    }

    /** AWS accepts a sum of 200 terms at validation and fails it only when evaluated. */
    @Test
    void expressionsUpToTheBoundAreAccepted() {
        assertThat(diagnostics(String.join(" + ", Collections.nCopies(200, "1")))).isEmpty();
        assertThat(diagnostics(nested("(", "1", ")", 900))).isEmpty();
    }

    @Test
    void theAnswerDoesNotDependOnTheCallersStack() throws InterruptedException {
        String deepButAllowed = passOutput(nested("[", "1", "]", 900));
        String tooDeep = passOutput(nested("[", "1", "]", 1200));
        AtomicReference<List<List<Diagnostic>>> onSmallStack = new AtomicReference<>();
        Thread small = new Thread(null, () -> onSmallStack.set(List.of(
                DefinitionValidator.validate(deepButAllowed).diagnostics(),
                DefinitionValidator.validate(tooDeep).diagnostics())), "small-stack", 256 * 1024);
        small.start();
        small.join();

        assertThat(onSmallStack.get().get(0)).isEmpty();
        assertThat(onSmallStack.get().get(1))
                .containsExactly(Diagnostic.error(INVALID_JSONATA_EXPRESSION, TOO_DEEP, "/States/Main/Output"));
        assertThat(DefinitionValidator.validate(deepButAllowed).diagnostics()).isEmpty();
    }

    @Test
    void pathsOfFiveThousandSegmentsAreInvalidNotAStackOverflow() {
        String path = "$" + ".a".repeat(5000);
        String jsonPath = "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Pass\",%s,\"End\":true}}}";
        for (String field : List.of("\"InputPath\":\"" + path + "\"", "\"OutputPath\":\"" + path + "\"",
                "\"Parameters\":{\"x.$\":\"" + path + "\"}", "\"Parameters\":{\"x.$\":\"$" + "[0]".repeat(5000) + "\"}")) {
            assertThat(DefinitionValidator.validate(jsonPath.formatted(field)).diagnostics())
                    .extracting(Diagnostic::code).containsExactly(Diagnostic.SCHEMA_VALIDATION_FAILED);
        }
    }

    @Test
    void theParserStillWorksOnAThreadWhereItOverflowed() {
        assertThat(diagnostics(nested("(", "1", ")", 5000))).hasSize(1);
        assertThat(diagnostics("$states.input.a + 1")).isEmpty();
        assertThat(diagnostics("1 +")).extracting(Diagnostic::message).containsExactly("Unexpected end of expression");
    }
}
