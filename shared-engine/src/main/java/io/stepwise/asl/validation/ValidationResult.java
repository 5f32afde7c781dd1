package io.stepwise.asl.validation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.query.Json;
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

    /**
     * The body of a {@code ValidateStateMachineDefinition} response: {@code result}, at most
     * {@code maxResults} diagnostics and whether the list was cut.
     */
    public ObjectNode response(int maxResults) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("result", ok ? "OK" : "FAIL");
        ArrayNode items = body.putArray("diagnostics");
        diagnostics.stream().limit(maxResults).forEach(d -> {
            ObjectNode item = items.addObject()
                    .put("severity", d.severity().name()).put("code", d.code()).put("message", d.message());
            // AWS leaves location out, rather than null, where it has none.
            if (d.location() != null) {
                item.put("location", d.location());
            }
        });
        body.put("truncated", diagnostics.size() > maxResults);
        return body;
    }
}
