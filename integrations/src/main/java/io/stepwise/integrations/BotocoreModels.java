package io.stepwise.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Botocore's service models ({@code service-2.json}) of the services whose constraints TestState's mock result
 * check applies: lengths, numeric ranges and required members, which the SDK v2 generated classes do not carry.
 * Step Functions' model is the one the API validates requests with (in shared-engine); KMS's and Lambda's are
 * vendored here with their documentation strings removed (see NOTICE).
 */
final class BotocoreModels {
    private static final Map<String, String> RESOURCES = Map.of(
            "states", "/io/stepwise/api/stepfunctions-2016-11-23.service-2.json",
            "sfn", "/io/stepwise/api/stepfunctions-2016-11-23.service-2.json",
            "kms", "/io/stepwise/integrations/models/kms-2014-11-01.service-2.json",
            "lambda", "/io/stepwise/integrations/models/lambda-2015-03-31.service-2.json");
    private static final Map<String, Optional<JsonNode>> MODELS = new ConcurrentHashMap<>();

    private BotocoreModels() {
    }

    /** The output shape of {@code service}'s {@code action} (as Step Functions spells it: {@code getFunction}). */
    static Optional<Shape> output(String service, String action) {
        String operation = action.substring(0, 1).toUpperCase(Locale.ROOT) + action.substring(1);
        return model(service).flatMap(model -> {
            JsonNode output = model.path("operations").path(operation).path("output").path("shape");
            return output.isTextual() ? Optional.of(new Shape(model.path("shapes"), output.textValue()))
                    : Optional.empty();
        });
    }

    private static Optional<JsonNode> model(String service) {
        String resource = RESOURCES.get(service);
        if (resource == null) {
            return Optional.empty();
        }
        return MODELS.computeIfAbsent(resource, path -> {
            try (InputStream in = BotocoreModels.class.getResourceAsStream(path)) {
                return in == null ? Optional.empty() : Optional.of(Json.MAPPER.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The length of a blob as the service counts it: in bytes once its base64 text is decoded. */
    static int blobLength(String text) {
        try {
            return Base64.getDecoder().decode(text).length;
        } catch (IllegalArgumentException e) {
            return text.length();
        }
    }

    /** One shape of a model. Member names match capitalised, as Step Functions shows a service's answer. */
    record Shape(JsonNode shapes, String name) {

        private JsonNode node() {
            return shapes.path(name);
        }

        Shape member(String capitalised) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node().path("members").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (capitalise(member.getKey()).equals(capitalised)) {
                    return new Shape(shapes, member.getValue().path("shape").textValue());
                }
            }
            return null;
        }

        boolean requires(String capitalised) {
            for (JsonNode required : node().path("required")) {
                if (capitalise(required.textValue()).equals(capitalised)) {
                    return true;
                }
            }
            return false;
        }

        Shape element() {
            return child("member");
        }

        Shape value() {
            return child("value");
        }

        private Shape child(String role) {
            JsonNode child = node().path(role).path("shape");
            return child.isTextual() ? new Shape(shapes, child.textValue()) : null;
        }

        /** AWS's words for a string or blob member outside its model length. */
        Optional<String> lengthViolation(String field, int length) {
            JsonNode shape = node();
            if (shape.has("min") && length < shape.get("min").intValue()) {
                return Optional.of("Field '" + field + "' is smaller than the minimum length");
            }
            if (shape.has("max") && length > shape.get("max").intValue()) {
                return Optional.of("Field '" + field + "' exceeds the maximum length");
            }
            return Optional.empty();
        }

        /** AWS's words for a number outside its model range. */
        Optional<String> rangeViolation(String field, BigDecimal value) {
            JsonNode shape = node();
            if (shape.has("min") && value.compareTo(shape.get("min").decimalValue()) < 0) {
                return Optional.of("Field '" + field + "' is less than the minimum value");
            }
            if (shape.has("max") && value.compareTo(shape.get("max").decimalValue()) > 0) {
                return Optional.of("Field '" + field + "' exceeds the maximum value");
            }
            return Optional.empty();
        }

        private static String capitalise(String name) {
            return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        }
    }
}
