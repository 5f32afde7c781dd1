package io.stepwise.asl.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.StateMachineType;
import io.stepwise.query.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Replays the definitions recorded against real AWS: the rejected ones must be rejected with AWS's code
 * and message, and every definition that executed on AWS must validate without a diagnostic.
 */
class ConformanceValidationTest {

    @Test
    void validationCasesMatchAwsCodesAndMessages() {
        Path cases = casesDirectory().resolve("validation");
        int total = 0;
        int codeMatches = 0;
        int messageMatches = 0;
        List<String> mismatches = new ArrayList<>();
        for (Path file : ConformanceCases.files(cases)) {
            JsonNode testCase = ConformanceCases.read(file);
            JsonNode expected = testCase.get("expected");
            ValidationResult result = DefinitionValidator.validate(testCase.get("definitionText").asText(),
                    StateMachineType.fromWireName(testCase.path("request").path("type").asText(null)).orElse(null));
            total++;
            Comparison comparison = expected.has("createError")
                    ? compareCreate(expected.get("createError"), result)
                    : compareValidate(expected.get("validateResult"), result);
            codeMatches += comparison.code() ? 1 : 0;
            messageMatches += comparison.message() ? 1 : 0;
            if (!comparison.message()) {
                mismatches.add(file.getFileName() + ": " + comparison.detail());
            }
        }
        System.out.printf("validation cases: %d, code matches: %d, exact message matches: %d%n",
                total, codeMatches, messageMatches);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void everyDefinitionThatRanOnAwsIsValid() {
        Path cases = casesDirectory();
        List<String> falsePositives = new ArrayList<>();
        int total = 0;
        for (Path file : ConformanceCases.files(cases)) {
            if (file.getParent().getFileName().toString().equals("validation")) {
                continue;
            }
            total++;
            ValidationResult result = DefinitionValidator.validate(Json.write(ConformanceCases.read(file).get("definition")));
            if (!result.diagnostics().isEmpty()) {
                falsePositives.add(cases.relativize(file) + ": " + result.diagnostics());
            }
        }
        System.out.printf("executed definitions: %d, false positives: %d%n", total, falsePositives.size());
        assertThat(falsePositives).isEmpty();
    }

    private record Comparison(boolean code, boolean message, String detail) {
    }

    private static Comparison compareCreate(JsonNode createError, ValidationResult result) {
        String actual = normalise(DefinitionValidator.createErrorMessage(result));
        String expectedMessage = createError.get("message").asText();
        // Every InvalidDefinition message starts with the code of its first diagnostic.
        boolean code = !result.ok() && createError.get("code").asText().equals("InvalidDefinition")
                && firstCode(expectedMessage).equals(result.errors().get(0).code());
        return new Comparison(code, actual.equals(expectedMessage),
                "expected <" + expectedMessage + "> but was <" + actual + ">");
    }

    private static Comparison compareValidate(JsonNode validateResult, ValidationResult result) {
        JsonNode expectedDiagnostics = validateResult.get("diagnostics");
        boolean resultMatches = validateResult.get("result").asText().equals(result.ok() ? "OK" : "FAIL");
        List<String> expectedCodes = new ArrayList<>();
        expectedDiagnostics.forEach(d -> expectedCodes.add(d.get("code").asText()));
        List<String> actualCodes = result.diagnostics().stream().map(Diagnostic::code).toList();
        List<Diagnostic> expected = new ArrayList<>();
        expectedDiagnostics.forEach(d -> expected.add(new Diagnostic(Severity.valueOf(d.get("severity").asText()),
                d.get("code").asText(), d.get("message").asText(),
                d.has("location") ? d.get("location").asText() : null)));
        boolean code = resultMatches && expectedCodes.equals(actualCodes);
        return new Comparison(code, code && expected.equals(result.diagnostics()),
                "expected " + expected + " but was " + result.diagnostics());
    }

    private static String firstCode(String message) {
        String body = message.substring(message.indexOf('\'') + 1);
        return body.substring(0, body.indexOf(':'));
    }

    /** The recordings replaced the partition by a placeholder (README rule 4). */
    private static String normalise(String text) {
        return text.replace("arn:aws:", "arn:<partition>:");
    }

    private static Path casesDirectory() {
        var directory = ConformanceCases.directory();
        Assumptions.assumeTrue(directory.isPresent(), "shared/conformance/cases not found");
        return directory.get();
    }
}
