package io.stepwise.integrations.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CsvRecords} on the examples of AWS's "How Step Functions parses input CSV files". */
class CsvRecordsTest {

    @Test
    void awsDocumentedExample() throws IOException {
        String text = "abc,123,\"This string contains commas, a double quotation marks (\"\"), and a newline (\n)\","
                + "{\"\"MyKey\"\":\"\"MyValue\"\"},\"[1,2,3]\"";
        assertThat(records(text, ',')).containsExactly(List.of("abc", "123",
                "This string contains commas, a double quotation marks (\"), and a newline (\n)",
                "{\"MyKey\":\"MyValue\"}", "[1,2,3]"));
    }

    @Test
    void backslashesEscapeBackslashesQuotesAndTheDelimiterAndAreDroppedElsewhere() throws IOException {
        assertThat(records("path,size\nC:\\\\Program Files\\\\MyApp.exe,6534512\n", ',')).containsExactly(
                List.of("path", "size"), List.of("C:\\Program Files\\MyApp.exe", "6534512"));
        assertThat(records("a\\,b|c\\|d|\\\"q\\\"|\\tab\n", '|')).containsExactly(
                List.of("a,b", "c|d", "\"q\"", "tab"));
    }

    @Test
    void emptyQuotedFieldsEmptyLinesAndCrLf() throws IOException {
        assertThat(records("a,\"\",c\r\n\r\n\n\"\"\"x\"\"\",   ,\r\n", ',')).containsExactly(
                List.of("a", "", "c"), List.of("\"x\"", "   ", ""));
    }

    @Test
    void recordStartsAreByteOffsets() throws IOException {
        byte[] bytes = "é,€\n\n\"x\ny\",z\nlast".getBytes(StandardCharsets.UTF_8);
        CsvRecords records = new CsvRecords(new ByteArrayInputStream(bytes), ',');
        List<Long> starts = new ArrayList<>();
        while (records.next() != null) {
            starts.add(records.recordStart());
        }
        assertThat(starts).containsExactly(0L, 8L, 16L);
    }

    private static List<List<String>> records(String text, char delimiter) throws IOException {
        CsvRecords records = new CsvRecords(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), delimiter);
        List<List<String>> all = new ArrayList<>();
        for (List<String> record = records.next(); record != null; record = records.next()) {
            all.add(record);
        }
        return all;
    }
}
