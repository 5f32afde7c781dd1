package io.stepwise.integrations.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.stepwise.engine.port.MapRunIoException;
import io.stepwise.query.StatesErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * An ItemReader's {@code ReaderConfig}, already evaluated, as the S3 reader uses it.
 *
 * @param inputType      {@code JSON}, {@code JSONL}, {@code CSV} or {@code MANIFEST}; {@code null} for a listing
 * @param headerLocation {@code FIRST_ROW} or {@code GIVEN}
 * @param headers        the {@code CSVHeaders} of {@code GIVEN}
 * @param delimiter      the field separator {@code CSVDelimiter} names
 * @param maxItems       the most items to read over all pages; 0 for no limit, as AWS reads {@code MaxItems: 0}
 * @param itemsPointer   the JSON pointer to the array inside a JSON object ({@code ItemsPointer}), or {@code null}
 * @param manifestType   {@code S3_INVENTORY}, {@code ATHENA_DATA}, or {@code null}
 * @param transformation {@code NONE} or {@code LOAD_AND_FLATTEN} (a listing's objects are read, not listed)
 */
record ReaderSettings(String inputType, String headerLocation, List<String> headers, char delimiter, long maxItems,
                      String itemsPointer, String manifestType, String transformation) {

    ReaderSettings {
        headers = List.copyOf(headers);
    }

    static ReaderSettings of(JsonNode config) {
        JsonNode c = config == null ? MissingNode.getInstance() : config;
        List<String> headers = new ArrayList<>();
        c.path("CSVHeaders").forEach(h -> headers.add(h.asText()));
        String headerLocation = c.path("CSVHeaderLocation").asText("FIRST_ROW");
        String inputType = c.hasNonNull("InputType") ? c.path("InputType").asText() : null;
        String manifestType = c.hasNonNull("ManifestType") ? c.path("ManifestType").asText() : null;
        if (inputType == null && "S3_INVENTORY".equals(manifestType)) {
            inputType = "MANIFEST";
        }
        return new ReaderSettings(inputType, headerLocation, headers, delimiter(c.path("CSVDelimiter").asText("COMMA")),
                c.path("MaxItems").asLong(0), c.hasNonNull("ItemsPointer") ? c.path("ItemsPointer").asText() : null,
                manifestType, c.path("Transformation").asText("NONE"));
    }

    private static char delimiter(String name) {
        return switch (name) {
            case "COMMA" -> ',';
            case "PIPE" -> '|';
            case "SEMICOLON" -> ';';
            case "SPACE" -> ' ';
            case "TAB" -> '\t';
            default -> throw new MapRunIoException(StatesErrors.ITEM_READER_FAILED,
                    "Unsupported CSVDelimiter: " + name);
        };
    }

    /** How many items the next page may hold, given how many earlier pages returned. */
    int pageLimit(long returned, int maxPerPage) {
        if (maxItems <= 0) {
            return maxPerPage;
        }
        return (int) Math.max(0, Math.min(maxPerPage, maxItems - returned));
    }
}
