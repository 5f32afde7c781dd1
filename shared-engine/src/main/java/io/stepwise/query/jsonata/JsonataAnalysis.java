package io.stepwise.query.jsonata;

import java.util.List;
import java.util.Set;

/**
 * The static facts about one expression: why AWS would refuse it (empty when it would not) and what it
 * references. A syntactically invalid expression references nothing.
 */
public record JsonataAnalysis(List<JsonataDiagnostic> diagnostics, JsonataReferences references) {
    public JsonataAnalysis {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean isValid() {
        return diagnostics.isEmpty();
    }

    static JsonataAnalysis invalid(JsonataDiagnostic diagnostic) {
        return new JsonataAnalysis(List.of(diagnostic), new JsonataReferences(Set.of(), Set.of()));
    }
}
