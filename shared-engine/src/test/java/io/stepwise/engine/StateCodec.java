package io.stepwise.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.query.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Saves and reloads an {@link ExecutionState} as JSON text, as a durable runner would between two steps.
 * The engine's own mapper cannot write the {@code Instant} in {@code ExecutionStart} (see the disabled bug
 * test in {@code InterpreterTest}), so this test codec adds ISO-8601 handling for it and nothing else.
 */
final class StateCodec {
    private static final ObjectMapper MAPPER = Json.MAPPER.copy().registerModule(new SimpleModule()
            .addSerializer(Instant.class, new JsonSerializer<>() {
                @Override
                public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers)
                        throws IOException {
                    gen.writeString(value.toString());
                }
            })
            .addDeserializer(Instant.class, new JsonDeserializer<>() {
                @Override
                public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                    return Instant.parse(p.getValueAsString());
                }
            }));

    private StateCodec() {
    }

    static String save(ExecutionState state) {
        try {
            return MAPPER.writeValueAsString(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ExecutionState load(String text) {
        try {
            return MAPPER.readValue(text, ExecutionState.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
