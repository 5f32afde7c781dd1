package io.stepwise.engine.port;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/** Exports the results of a finished Map Run as AWS's ResultWriter does. */
public interface ResultWriter {

    /**
     * Writes {@code results} (every child, in item order) under the target and returns the Map state's result:
     * {@code {"MapRunArn": ..., "ResultWriterDetails": {"Bucket": ..., "Key": ".../manifest.json"}}} as AWS returns
     * it.
     *
     * @throws MapRunIoException when writing fails (the Map Run fails with {@code States.ResultWriterFailed})
     */
    JsonNode write(ResultTarget target, String mapRunArn, Iterator<ChildResult> results);
}
