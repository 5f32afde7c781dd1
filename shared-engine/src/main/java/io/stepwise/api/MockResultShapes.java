package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Checks a TestState {@code mock.result} against the API shape of what the task's service answers (AWS's
 * {@code fieldValidationMode}). The engine knows no service model; an adapter that can read the AWS SDK's service
 * models implements this, and {@link #NONE} accepts everything.
 */
@FunctionalInterface
public interface MockResultShapes {
    MockResultShapes NONE = (resource, result, strict) -> Optional.empty();

    /**
     * The first way {@code result} breaks the shape of the answer of {@code resource}, worded as AWS words it
     * after {@code "Mock result schema validation error: "} (for example {@code Field 'EventId' must be a string}),
     * or empty when it fits or the resource's shape is unknown.
     *
     * @param resource the Task state's {@code Resource}
     * @param strict {@code STRICT} mode (required members must be present) rather than {@code PRESENT} (only the
     *     members given are checked)
     */
    Optional<String> violation(String resource, JsonNode result, boolean strict);
}
