package io.stepwise.local.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stepwise.query.Json;

/**
 * JSON as stored in SQLite: the engine's mapper with ISO-8601 dates pinned, so a change of the engine's defaults
 * cannot silently change what is on disk.
 */
final class StoredJson {
    static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /**
     * Leaves out null properties: Jackson reads a JSON {@code null} into a {@code JsonNode} property as
     * {@code NullNode}, so only an absent property reads back as Java {@code null}.
     */
    private static final ObjectWriter WITHOUT_NULLS = MAPPER.copy()
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL).writer();

    private StoredJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** {@link #write} for records whose {@code JsonNode} components may be {@code null}. */
    static String writeWithoutNulls(Object value) {
        try {
            return WITHOUT_NULLS.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** {@link #read} for nullable columns: {@code null} reads as {@code null}. */
    static <T> T readOrNull(String text, Class<T> type) {
        return text == null ? null : read(text, type);
    }

    static <T> T read(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot read stored " + type.getSimpleName(), e);
        }
    }
}
