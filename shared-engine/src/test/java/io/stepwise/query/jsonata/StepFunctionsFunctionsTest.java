package io.stepwise.query.jsonata;

import static io.stepwise.query.jsonata.JsonataFixtures.assertFailsWith;
import static io.stepwise.query.jsonata.JsonataFixtures.bindings;
import static io.stepwise.query.jsonata.JsonataFixtures.eval;
import static io.stepwise.query.jsonata.JsonataFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepFunctionsFunctionsTest {

    @Test
    void partitionSplitsIntoChunksWithAShorterLastOne() {
        assertThat(json(eval("$partition([1,2,3,4,5,6,7,8,9], 3)"))).isEqualTo("[[1,2,3],[4,5,6],[7,8,9]]");
        assertThat(json(eval("$partition([1,2,3,4,5], 2)"))).isEqualTo("[[1,2],[3,4],[5]]");
        assertThat(json(eval("$partition([], 2)"))).isEqualTo("[]");
        assertThat(json(eval("$partition([1,2,3], 2.9)"))).isEqualTo("[[1,2],[3]]");
    }

    @Test
    void partitionRejectsANonPositiveSizeAndNonNumbers() {
        assertFailsWith(() -> eval("$partition([1,2], 0)"),
                "The JSONata expression '$partition([1,2], 0)' specified for the field 'Output' threw an error during"
                        + " evaluation. D3001: Invalid argument for $partition: the chunk size must be greater than 0,"
                        + " but was 0");
        assertFailsWith(() -> eval("$partition([1,2], 'x')"),
                "The JSONata expression '$partition([1,2], 'x')' specified for the field 'Output' threw an error during"
                        + " evaluation. T0410: Argument 2 of function \"partition\" does not match function signature");
    }

    @Test
    void rangeIsInclusiveAndSupportsNegativeSteps() {
        assertThat(json(eval("$range(0, 10, 2)"))).isEqualTo("[0,2,4,6,8,10]");
        assertThat(json(eval("$range(1, 10, 4)"))).isEqualTo("[1,5,9]");
        assertThat(json(eval("$range(5, 1, -2)"))).isEqualTo("[5,3,1]");
        assertThat(json(eval("$range(5, 1, 1)"))).isEqualTo("[]");
    }

    @Test
    void rangeRejectsAZeroStepAndMoreThanAThousandElements() {
        assertFailsWith(() -> eval("$range(1, 5, 0)"),
                "The JSONata expression '$range(1, 5, 0)' specified for the field 'Output' threw an error during"
                        + " evaluation. D3001: Invalid argument for $range: the step must not be 0");
        assertThat(eval("$range(1, 1000, 1)").size()).isEqualTo(1000);
        assertFailsWith(() -> eval("$range(0, 1000, 1)"),
                "The JSONata expression '$range(0, 1000, 1)' specified for the field 'Output' threw an error during"
                        + " evaluation. D3001: Invalid argument for $range: the range must not have more than 1000"
                        + " elements, but would have 1001");
    }

    @Test
    void hashComputesLowercaseHexDigests() {
        assertThat(eval("$hash('input data', 'SHA-1')").textValue()).isEqualTo("aaff4a450a104cd177d28d18d74485e8cae074b7");
        assertThat(eval("$hash('abc', 'MD5')").textValue()).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(eval("$hash('abc', 'SHA-256')").textValue())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(eval("$hash('abc', 'SHA-384')").textValue()).hasSize(96);
        assertThat(eval("$hash('abc', 'SHA-512')").textValue()).hasSize(128);
    }

    @Test
    void hashRejectsUnknownAlgorithms() {
        assertFailsWith(() -> eval("$hash('abc', 'SHA-3')"),
                "The JSONata expression '$hash('abc', 'SHA-3')' specified for the field 'Output' threw an error during"
                        + " evaluation. D3001: Invalid argument for $hash: the algorithm 'SHA-3' is not supported; use"
                        + " one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
    }

    @Test
    void seededRandomMatchesJavaUtilRandomAsOnAws() {
        assertThat(eval("$random(42)").doubleValue()).isEqualTo(0.7275636800328681);
        assertThat(eval("$random(42.9)").doubleValue()).isEqualTo(0.7275636800328681);
    }

    @Test
    void unseededRandomAndUuidComeFromTheInjectedGenerator() {
        double first = eval("$random()", bindings("{}")).doubleValue();
        assertThat(first).isBetween(0.0, 1.0).isEqualTo(eval("$random()", bindings("{}")).doubleValue());

        String uuid = eval("$uuid()", bindings("{}")).textValue();
        assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(eval("$uuid()", bindings("{}")).textValue()).isEqualTo(uuid);
        assertThat(eval("$uuid() = $uuid()").booleanValue()).isFalse();
    }

    @Test
    void parseReadsJsonTextAsAwsDoes() {
        assertThat(json(eval("$parse('-0')"))).isEqualTo("0");
        assertThat(json(eval("$parse('1.1')"))).isEqualTo("1.1");
        assertThat(json(eval("$parse('[1, 2, \"HelloWorld\"]')"))).isEqualTo("[1,2,\"HelloWorld\"]");
        assertThat(json(eval("$parse('{\"Arg1\": 1, \"Arg2\": []}')"))).isEqualTo("{\"Arg1\":1,\"Arg2\":[]}");
        assertThat(json(eval("$parse($states.input.s).a", bindings("{\"s\":\"{\\\"a\\\":null}\"}")))).isEqualTo("null");
    }

    @Test
    void parseRejectsInvalidJson() {
        assertFailsWith(() -> eval("$parse('{')"),
                "The JSONata expression '$parse('{')' specified for the field 'Output' threw an error during"
                        + " evaluation. D3001: Invalid argument for $parse: not a JSON text: {");
    }

    @Test
    void evalIsNotAFunction() {
        assertFailsWith(() -> eval("$eval('1+1')"),
                "The JSONata expression '$eval('1+1')' specified for the field 'Output' threw an error during"
                        + " evaluation. T1006: Attempted to invoke a non-function");
    }
}
