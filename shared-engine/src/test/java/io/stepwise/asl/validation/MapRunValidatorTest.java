package io.stepwise.asl.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.DefinitionParser;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every expression the parser compiles is checked first: one that does not compile — in a Map Run's reader,
 * batcher or writer, or a Fail state's ErrorPath/CausePath — is refused with a diagnostic at its field, and what is
 * accepted parses.
 */
class MapRunValidatorTest {
    private static final String PROCESSOR = "\"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\","
            + " \"ExecutionType\": \"STANDARD\"}, \"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": \"Pass\","
            + " \"End\": true}}}";
    private static final String READER = "\"Resource\": \"arn:aws:states:::s3:getObject\"";
    private static final String WRITER = "\"Resource\": \"arn:aws:states:::s3:putObject\"";

    private static String map(String language, String fields) {
        return "{\"QueryLanguage\": \"" + language + "\", \"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\","
                + " \"End\": true, " + PROCESSOR + ", " + fields + "}}}";
    }

    private static List<String> errors(String definition) {
        return DefinitionValidator.validate(definition).errors().stream()
                .map(d -> d.code() + ": " + d.message() + " at " + d.location()).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"ItemReader\": {" + READER + ", \"ReaderConfig\": {\"MaxItemsPath\": \"$.a[?(@.b)]\"}}"
                + "|SCHEMA_VALIDATION_FAILED: Value is not a valid reference path at /States/M/ItemReader/ReaderConfig/MaxItemsPath",
        "\"ItemReader\": {" + READER + ", \"ReaderConfig\": {\"MaxItemsPath\": \"$$.Execution.Input\"}}"
                + "|SCHEMA_VALIDATION_FAILED: Value is not a valid reference path at /States/M/ItemReader/ReaderConfig/MaxItemsPath",
        "\"ItemReader\": {" + READER + ", \"ReaderConfig\": {\"MaxItems\": 2, \"MaxItemsPath\": \"$.n\"}}"
                + "|SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [MaxItems, MaxItemsPath]"
                + " at /States/M/ItemReader/ReaderConfig",
        "\"ItemReader\": {" + READER + ", \"Parameters\": {\"Bucket.$\": \"$.[\"}}"
                + "|SCHEMA_VALIDATION_FAILED: The value for the field 'Bucket.$' must be a valid JSONPath or a valid"
                + " intrinsic function call at /States/M/ItemReader/Parameters",
        "\"ItemBatcher\": {\"MaxItemsPerBatchPath\": \"nope\"}"
                + "|SCHEMA_VALIDATION_FAILED: Value is not a valid reference path at /States/M/ItemBatcher/MaxItemsPerBatchPath",
        "\"ItemBatcher\": {\"MaxInputBytesPerBatchPath\": 7}"
                + "|SCHEMA_VALIDATION_FAILED: Value is not a valid reference path at /States/M/ItemBatcher/MaxInputBytesPerBatchPath",
        "\"ItemBatcher\": {\"MaxItemsPerBatch\": 2, \"BatchInput\": {\"x.$\": \"States.Nope(\"}}"
                + "|SCHEMA_VALIDATION_FAILED: The value for the field 'x.$' must be a valid JSONPath or a valid"
                + " intrinsic function call at /States/M/ItemBatcher/BatchInput",
        "\"ResultWriter\": {" + WRITER + ", \"Parameters\": {\"Bucket.$\": \"bucket\"}}"
                + "|SCHEMA_VALIDATION_FAILED: The value for the field 'Bucket.$' must be a valid JSONPath or a valid"
                + " intrinsic function call at /States/M/ResultWriter/Parameters",
    })
    void aJsonPathMapRunFieldThatDoesNotCompileIsRefusedAtTheField(String fields, String expected) {
        assertThat(errors(map("JSONPath", fields))).containsExactly(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"ItemReader\": {" + READER + ", \"Arguments\": {\"Bucket\": \"{% $states.input. %}\"}}"
                + "|/States/M/ItemReader/Arguments/Bucket",
        "\"ItemReader\": {" + READER + ", \"ReaderConfig\": {\"MaxItems\": \"{% ( %}\"}}"
                + "|/States/M/ItemReader/ReaderConfig/MaxItems",
        "\"ItemBatcher\": {\"MaxItemsPerBatch\": \"{% 1 + %}\"}|/States/M/ItemBatcher/MaxItemsPerBatch",
        "\"ItemBatcher\": {\"BatchInput\": {\"a\": [\"{% ] %}\"]}}|/States/M/ItemBatcher/BatchInput/a[0]",
        "\"ResultWriter\": {" + WRITER + ", \"Arguments\": \"{% $x. %}\"}|/States/M/ResultWriter/Arguments",
    })
    void aJsonataMapRunFieldThatDoesNotCompileIsRefusedAtTheField(String fields, String location) {
        List<Diagnostic> errors = DefinitionValidator.validate(map("JSONata", fields)).errors();

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).code()).isEqualTo(Diagnostic.INVALID_JSONATA_EXPRESSION);
        assertThat(errors.get(0).location()).isEqualTo(location);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ErrorPath|nope|SCHEMA_VALIDATION_FAILED: The value for the field 'ErrorPath' must be a valid JSONPath or a"
                + " valid intrinsic function call at /States/F",
        "CausePath|States.Format(|SCHEMA_VALIDATION_FAILED: The value for the field 'CausePath' must be a valid"
                + " JSONPath or a valid intrinsic function call at /States/F",
    })
    void aFailPathThatDoesNotCompileIsRefusedAtTheState(String field, String value, String expected) {
        String definition = "{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\", \"" + field + "\": \""
                + value + "\"}}}";

        assertThat(errors(definition)).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"ItemReader\": {" + READER + ", \"ReaderConfig\": {\"InputType\": \"JSON\", \"MaxItemsPath\": \"$.max\"},"
                + " \"Parameters\": {\"Bucket.$\": \"$.b\", \"Key\": \"k\"}}, \"ItemBatcher\": {\"MaxItemsPerBatchPath\":"
                + " \"$.n\", \"MaxInputBytesPerBatchPath\": \"$maxBytes\", \"BatchInput\": {\"at.$\": \"$.b\"}},"
                + " \"ResultWriter\": {" + WRITER + ", \"Parameters\": {\"Bucket.$\": \"States.Format('{}', $.b)\"}}",
    })
    void anAcceptedJsonPathMapRunParses(String fields) {
        String definition = map("JSONPath", fields);

        assertThat(errors(definition)).isEmpty();
        assertThat(DefinitionParser.parse(definition).fields()).isNotNull();
    }
}
