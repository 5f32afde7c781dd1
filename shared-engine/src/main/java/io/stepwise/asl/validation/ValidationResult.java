package io.stepwise.asl.validation;

import java.util.List;

/** Outcome of validating a definition: {@code ok} exactly when no diagnostic is an {@link Severity#ERROR}. */
public record ValidationResult(boolean ok, List<Diagnostic> diagnostics) {
    public ValidationResult {
        diagnostics = List.copyOf(diagnostics);
    }

    static ValidationResult of(List<Diagnostic> diagnostics) {
        boolean ok = diagnostics.stream().noneMatch(d -> d.severity() == Severity.ERROR);
        return new ValidationResult(ok, diagnostics);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }
}
