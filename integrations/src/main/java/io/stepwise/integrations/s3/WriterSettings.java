package io.stepwise.integrations.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.engine.port.MapRunIoException;
import io.stepwise.query.StatesErrors;

/**
 * A ResultWriter's {@code WriterConfig}. AWS's defaults: {@code Transformation} {@code NONE} (each child's
 * metadata with its output) and {@code OutputType} {@code JSON}.
 *
 * @param transformation {@code NONE}, {@code COMPACT} (outputs only) or {@code FLATTEN} (outputs, arrays spliced)
 * @param outputType     {@code JSON} (a file is an array) or {@code JSONL} (one entry a line)
 */
record WriterSettings(String transformation, String outputType) {

    static WriterSettings of(JsonNode config) {
        String transformation = config == null ? "NONE" : config.path("Transformation").asText("NONE");
        String outputType = config == null ? "JSON" : config.path("OutputType").asText("JSON");
        if (!transformation.equals("NONE") && !transformation.equals("COMPACT") && !transformation.equals("FLATTEN")) {
            throw new MapRunIoException(StatesErrors.RESULT_WRITER_FAILED,
                    "Unsupported Transformation: " + transformation);
        }
        if (!outputType.equals("JSON") && !outputType.equals("JSONL")) {
            throw new MapRunIoException(StatesErrors.RESULT_WRITER_FAILED, "Unsupported OutputType: " + outputType);
        }
        return new WriterSettings(transformation, outputType);
    }

    boolean jsonLines() {
        return outputType.equals("JSONL");
    }
}
