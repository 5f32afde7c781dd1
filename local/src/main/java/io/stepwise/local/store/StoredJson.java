package io.stepwise.local.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stepwise.query.Json;

/**
 * JSON as stored in SQLite: the engine's mapper with ISO-8601 dates pinned, so a change of the engine's defaults
 * cannot silently change what is on disk.
 */
final class StoredJson {
    static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private StoredJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    static <T> T read(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot read stored " + type.getSimpleName(), e);
        }
    }
}
