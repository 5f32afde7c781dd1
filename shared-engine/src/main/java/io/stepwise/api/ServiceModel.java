package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * AWS's Step Functions service model, read from botocore's {@code stepfunctions/2016-11-23/service-2.json} as
 * vendored in this package (see NOTICE). The SDK v2 model classes carry member names and types but none of the
 * constraints (lengths, ranges, patterns, required members) nor the errors each operation declares; botocore's
 * file is the model AWS generates every SDK from, so the constraints are read from it rather than retyped.
 */
public final class ServiceModel {
    static final String RESOURCE = "stepfunctions-2016-11-23.service-2.json";
    private static final ServiceModel STEP_FUNCTIONS = load();

    private final JsonNode model;

    private ServiceModel(JsonNode model) {
        this.model = model;
    }

    /** The Step Functions model, loaded once. */
    public static ServiceModel stepFunctions() {
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

    /** Every operation the model declares. */
    public Set<String> operations() {
        Set<String> names = new LinkedHashSet<>();
        model.path("operations").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The name of {@code operation}'s input shape, if the model declares the operation and it takes input. */
    public Optional<String> inputShape(String operation) {
        JsonNode input = model.path("operations").path(operation).path("input").path("shape");
        return input.isTextual() ? Optional.of(input.textValue()) : Optional.empty();
    }

    /** The error codes {@code operation} declares, in the model's order. */
    public List<String> errors(String operation) {
        List<String> errors = new ArrayList<>();
        model.path("operations").path(operation).path("errors")
                .forEach(error -> errors.add(errorCode(error.path("shape").textValue())));
        return errors;
    }

    /** The wire code of an error shape: its {@code error.code} where the model renames it, else its name. */
    private String errorCode(String shape) {
        JsonNode code = shape(shape).path("error").path("code");
        return code.isTextual() ? code.textValue() : shape;
    }

    /** The shape called {@code name}: a JSON object with {@code type} and its constraints, as the model has it. */
    public JsonNode shape(String name) {
        JsonNode shape = model.path("shapes").path(name);
        if (shape.isMissingNode()) {
            throw new IllegalArgumentException("no shape " + name);
        }
        return shape;
    }
}
