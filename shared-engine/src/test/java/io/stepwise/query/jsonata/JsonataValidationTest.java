package io.stepwise.query.jsonata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonataValidationTest {

    private static List<JsonataDiagnostic> diagnostics(String expression) {
        return JsonataValidation.analyze(expression).diagnostics();
    }

    private static JsonataDiagnostic unsupported(String message) {
        return new JsonataDiagnostic(JsonataDiagnostic.UNSUPPORTED, message);
    }

    @Test
    void acceptsExpressionsRootedInStatesOrVariables() {
        assertThat(diagnostics("$states.input.phone")).isEmpty();
        assertThat(diagnostics("$sum($states.input.items.price) + $tax")).isEmpty();
        assertThat(diagnostics("$states.input.items[price > 5].name")).isEmpty();
        assertThat(diagnostics("$states.input.items{type: $sum(price)}")).isEmpty();
        assertThat(diagnostics("$states.input.items^(>price).name")).isEmpty();
        assertThat(diagnostics("$map($states.input.l, function($v){ $v.x })")).isEmpty();
        assertThat(diagnostics("$states.input.l[$ > 1]")).isEmpty();
        assertThat(diagnostics("$states.input ~> | items | {'done': true} |")).isEmpty();
        assertThat(diagnostics("'literal'")).isEmpty();
    }

    @Test
    void rejectsBareFieldNamesAtTheTopLevel() {
        assertThat(diagnostics("phone")).containsExactly(
                unsupported("Reference to 'phone' at the top level is not supported."));
        assertThat(diagnostics("$states.input.a + phone.number")).containsExactly(
                unsupported("Reference to 'phone' at the top level is not supported."));
        assertThat(diagnostics("{'a': name, 'b': $count(items)}")).containsExactly(
                unsupported("Reference to 'name' at the top level is not supported."),
                unsupported("Reference to 'items' at the top level is not supported."));
    }

    @Test
    void rejectsTheContextValueAndTheRootVariable() {
        assertThat(diagnostics("$")).containsExactly(
                unsupported("Reference to '$' at the top level is not supported."));
        assertThat(diagnostics("$.a")).containsExactly(
                unsupported("Reference to '$' at the top level is not supported."));
        assertThat(diagnostics("$states.input.l[$$.x = 1]")).containsExactly(
                unsupported("Reference to '$$' is not supported."));
    }

    @Test
    void rejectsEval() {
        assertThat(diagnostics("$eval('1 + 1')")).containsExactly(
                unsupported("The function '$eval' is not supported."));
    }

    @Test
    void reportsSyntaxErrorsWithTheLibraryCode() {
        JsonataAnalysis analysis = JsonataValidation.analyze("$states.input.a +");
        assertThat(analysis.isValid()).isFalse();
        assertThat(analysis.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(JsonataDiagnostic.INVALID);
            assertThat(d.message()).startsWith("S0207: ");
        });
        assertThat(JsonataValidation.analyze("($a := 1; $a").diagnostics())
                .extracting(JsonataDiagnostic::code).containsExactly(JsonataDiagnostic.INVALID);
    }

    @Test
    void reportsStatesMembers() {
        assertThat(JsonataValidation.analyze("$states.result.x & $states.errorOutput.Cause & $states.input")
                .references().statesFields()).containsExactlyInAnyOrder("result", "errorOutput", "input");
        assertThat(JsonataValidation.analyze("$states.input[$states.context.Map.Item.Index = 0]")
                .references().statesFields()).containsExactlyInAnyOrder("input", "context");
    }

    @Test
    void reportsWorkflowVariablesButNotFunctionsOrLocalNames() {
        JsonataReferences references = JsonataValidation.analyze(
                "($local := $x + 1; $map($items, function($v){ $v * $local * $factor }) ~> $sum()"
                        + " + $count($states.input) + $random() + $unknownFn())").references();
        assertThat(references.variables()).containsExactlyInAnyOrder("x", "items", "factor");
    }
}
