package io.stepwise.engine.port;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stepwise.query.Json;
import java.util.function.BiFunction;

/**
 * JSON as a storage adapter writes it. Each adapter pins its mapper's settings (see {@link #isoDatesMapper()}) so
 * that a change of the engine's defaults cannot silently change what is stored, and names the exception a
 * failure surfaces as, because each adapter has its own storage-failure type.
 */
public final class StoredJson {
    private final ObjectMapper mapper;
    /**
     * Leaves out null properties: Jackson reads a JSON {@code null} into a {@code JsonNode} property as
     * {@code NullNode}, so only an absent property reads back as Java {@code null}.
     */
    private final ObjectWriter withoutNulls;
    private final BiFunction<String, Throwable, ? extends RuntimeException> failure;

    public StoredJson(ObjectMapper mapper, BiFunction<String, Throwable, ? extends RuntimeException> failure) {
        this.mapper = mapper;
        this.withoutNulls = mapper.copy().setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL).writer();
        this.failure = failure;
    }

    /** A fresh copy of the engine's mapper with ISO-8601 dates, for an adapter to configure further. */
    public static ObjectMapper isoDatesMapper() {
        return Json.MAPPER.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** The mapper, for reads that need a generic type. */
    public ObjectMapper mapper() {
        return mapper;
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw failure.apply("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** {@link #write} for records whose {@code JsonNode} components may be {@code null}. */
    public String writeWithoutNulls(Object value) {
        try {
            return withoutNulls.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw failure.apply("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public <T> T read(String text, Class<T> type) {
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw failure.apply("cannot read stored " + type.getSimpleName(), e);
        }
    }

    /** {@link #read} for nullable columns: {@code null} reads as {@code null}. */
    public <T> T readOrNull(String text, Class<T> type) {
        return text == null ? null : read(text, type);
    }
}
