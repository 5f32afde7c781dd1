package io.stepwise.asl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.jsonata.JsonataAnalysis;
import io.stepwise.query.jsonata.JsonataDiagnostic;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * JSONata-dialect checks: every {@code {% ... %}} string in a field is analysed the way AWS does at
 * create/validate time, and each finding is reported at the exact field ({@code /States/X/Output/a}).
 */
final class JsonataRules {
    private static final String OPEN = "{%";
    private static final String CLOSE = "%}";
    /** The library's error code AWS leaves out of its message ({@code S0202: ...}). */
    private static final Pattern LIBRARY_CODE = Pattern.compile("^[A-Z]\\d{4}: ");

    /**
     * Which members of {@code $states} exist where an expression sits. {@code input} and {@code context}
     * always do; {@code result} only in a Task, Map or Parallel state's own {@code Output} and
     * {@code Assign}; {@code errorOutput} only in a Catcher's {@code Output} and {@code Assign}.
     */
    enum StatesFields {
        INPUT_AND_CONTEXT(false, false),
        WITH_RESULT(true, false),
        WITH_ERROR_OUTPUT(false, true);

        private final boolean result;
        private final boolean errorOutput;

        StatesFields(boolean result, boolean errorOutput) {
            this.result = result;
            this.errorOutput = errorOutput;
        }
    }

    private JsonataRules() {
    }

    /** Whether {@code value} is a JSONata expression that stands in for a literal in a JSONata state. */
    static boolean isExpression(JsonNode value, QueryLanguage language) {
        return language == QueryLanguage.JSONATA && value.isTextual() && isExpression(value.asText());
    }

    static boolean isExpression(String text) {
        return text.startsWith(OPEN) && text.endsWith(CLOSE) && text.length() >= OPEN.length() + CLOSE.length();
    }

    static String body(String text) {
        return text.substring(OPEN.length(), text.length() - CLOSE.length());
    }

    /** Checks every expression inside {@code object.field}, wherever it is nested. */
    static void field(JsonNode object, String field, String location, ValidationContext ctx) {
        field(object, field, location, StatesFields.INPUT_AND_CONTEXT, ctx);
    }

    static void field(JsonNode object, String field, String location, StatesFields available,
                      ValidationContext ctx) {
        JsonNode value = object.get(field);
        if (value != null) {
            walk(value, Locations.field(location, field), available, ctx);
        }
    }

    private static void walk(JsonNode value, String location, StatesFields available, ValidationContext ctx) {
        if (value.isTextual() && isExpression(value.asText())) {
            expression(body(value.asText()), location, available, ctx);
        } else if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                walk(field.getValue(), Locations.field(location, field.getKey()), available, ctx);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                walk(value.get(i), Locations.item(location, i), available, ctx);
            }
        }
    }

    private static void expression(String body, String location, StatesFields available, ValidationContext ctx) {
        JsonataAnalysis analysis = ctx.checker().analyzeJsonata(body);
        for (JsonataDiagnostic diagnostic : analysis.diagnostics()) {
            String message = diagnostic.code().equals(Diagnostic.INVALID_JSONATA_EXPRESSION)
                    ? LIBRARY_CODE.matcher(diagnostic.message()).replaceFirst("")
                    : diagnostic.message();
            ctx.report(diagnostic.code(), message, location);
        }
        // Measured on AWS (floci-io/floci PR #2786): "Field '$states.errorOutput' does not exist." at the field.
        if (!available.result && analysis.references().statesFields().contains("result")) {
            ctx.report(Diagnostic.UNSUPPORTED_JSONATA_EXPRESSION, "Field '$states.result' does not exist.", location);
        }
        if (!available.errorOutput && analysis.references().statesFields().contains("errorOutput")) {
            ctx.report(Diagnostic.UNSUPPORTED_JSONATA_EXPRESSION, "Field '$states.errorOutput' does not exist.",
                    location);
        }
    }
}
