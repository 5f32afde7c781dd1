package io.stepwise.integrations.s3;

import io.stepwise.engine.port.MapRunIoException;
import io.stepwise.query.StatesErrors;

/** The items of one data object, read as its {@code InputType} says (JSON when none is given). */
final class ObjectItems {
    private ObjectItems() {
    }

    static Chunk read(SourceObject object, ReaderSettings settings, ReaderCursor cursor, int limit) {
        String inputType = settings.inputType() == null ? "JSON" : settings.inputType();
        return switch (inputType) {
            case "JSON" -> JsonArrayItems.read(object, settings, cursor, limit);
            case "JSONL" -> JsonLinesItems.read(object, cursor, limit);
            case "CSV" -> CsvItems.read(object, settings, cursor, limit);
            // No maintained Parquet reader for Java comes without Hadoop's tens of megabytes.
            default -> throw new MapRunIoException(StatesErrors.ITEM_READER_FAILED,
                    "Unsupported InputType: " + inputType);
        };
    }
}
