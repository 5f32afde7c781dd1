package io.stepwise.functions.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stepwise.query.Json;

/**
 * JSON as stored in DynamoDB: the engine's mapper with ISO-8601 dates pinned, so a change of the engine's defaults
 * cannot silently change what is stored, and map entries sorted, so equal values write equal text. Null properties
 * are left out where a record's {@code JsonNode} component may be {@code null}, because Jackson reads a JSON
 * {@code null} back as {@code NullNode}.
 */
final class StoredJson {
    private static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final ObjectWriter WITHOUT_NULLS = MAPPER.copy()
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL).writer();

    private StoredJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    static String writeWithoutNulls(Object value) {
        try {
            return WITHOUT_NULLS.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    static <T> T read(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read stored " + type.getSimpleName(), e);
        }
    }
}
