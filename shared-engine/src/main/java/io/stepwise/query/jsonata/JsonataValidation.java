package io.stepwise.query.jsonata;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks AWS runs on every JSONata expression at {@code CreateStateMachine},
 * {@code UpdateStateMachine} and {@code ValidateStateMachineDefinition}. Where an expression sits, and
 * whether {@code $states.result} or {@code $states.errorOutput} exist there, is for the caller to judge from
 * {@link JsonataAnalysis#references()}.
 */
public final class JsonataValidation {
    private JsonataValidation() {
    }

    /** Analyses the text between {@code {%} and {@code %}}. */
    public static JsonataAnalysis analyze(String expressionBody) {
        JsonataExpression expression;
        try {
            expression = JsonataExpression.compile(expressionBody);
        } catch (InvalidJsonataException e) {
            return JsonataAnalysis.invalid(new JsonataDiagnostic(JsonataDiagnostic.INVALID, e.getMessage()));
        }
        ReferenceCollector facts = expression.facts();
        List<JsonataDiagnostic> diagnostics = new ArrayList<>();
        for (String name : facts.topLevelReferences) {
            diagnostics.add(unsupported("Reference to '" + name + "' at the top level is not supported."));
        }
        if (facts.usesContextRoot) {
            diagnostics.add(unsupported("Reference to '$$' is not supported."));
        }
        if (facts.calledFunctions.contains("eval")) {
            diagnostics.add(unsupported("The function '$eval' is not supported."));
        }
        return new JsonataAnalysis(diagnostics, expression.references());
    }

    private static JsonataDiagnostic unsupported(String message) {
        return new JsonataDiagnostic(JsonataDiagnostic.UNSUPPORTED, message);
    }
}
