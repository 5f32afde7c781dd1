package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * AWS's Step Functions service model, read from botocore's {@code stepfunctions/2016-11-23/service-2.json} as
 * vendored in this package (see NOTICE). The SDK v2 model classes carry member names and types but none of the
 * constraints (lengths, ranges, patterns, required members); botocore's file is the model AWS generates every SDK
 * from, so the constraints are read from it rather than retyped. (The SDK v2 jars do not ship the model file.)
 */
final class ServiceModel {
    static final String RESOURCE = "stepfunctions-2016-11-23.service-2.json";
    private static final ServiceModel STEP_FUNCTIONS = load();

    private final JsonNode model;

    private ServiceModel(JsonNode model) {
        this.model = model;
    }

    /** The Step Functions model, loaded once. */
    static ServiceModel stepFunctions() {
        return STEP_FUNCTIONS;
    }

    private static ServiceModel load() {
        try (InputStream in = ServiceModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new ServiceModel(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name of {@code operation}'s input shape, if the model declares the operation and it takes input. */
    Optional<String> inputShape(String operation) {
        JsonNode input = model.path("operations").path(operation).path("input").path("shape");
        return input.isTextual() ? Optional.of(input.textValue()) : Optional.empty();
    }

    /** The error shapes {@code operation} declares (empty for an operation the model does not have). */
    Set<String> errors(String operation) {
        Set<String> errors = new HashSet<>();
        model.path("operations").path(operation).path("errors").forEach(e -> errors.add(e.path("shape").asText()));
        return errors;
    }

    /** The shape called {@code name}: a JSON object with {@code type} and its constraints, as the model has it. */
    JsonNode shape(String name) {
        JsonNode shape = model.path("shapes").path(name);
        if (shape.isMissingNode()) {
            throw new IllegalArgumentException("no shape " + name);
        }
        return shape;
    }
}
