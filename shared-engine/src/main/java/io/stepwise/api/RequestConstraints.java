package io.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks a request against the member constraints of its operation's input shape in the {@link ServiceModel}
 * (required members, string and list lengths, numeric ranges, patterns, enums) before the operation runs, as AWS's
 * front end does, and answers every violation at once in AWS's form: {@code ValidationException} "1 validation
 * error detected: Value 'x' at 'name' failed to satisfy constraint: Member must have length less than or equal to
 * 80", or "N validation errors detected: …; …". Values of sensitive shapes are not echoed ("Value at 'input'").
 * A member of the wrong JSON type fails first, as AWS fails to deserialize such a request before validating it: a
 * {@code SerializationException}.
 */
final class RequestConstraints {
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    /**
     * Payloads ({@code input}, {@code output}): AWS measures their length in UTF-8 bytes ("Length constraints apply
     * to the payload size, and are expressed as bytes in UTF-8 encoding", API reference) and the operations answer
     * an oversized one with their own codes ({@code InvalidExecutionInput}, {@code InvalidOutput}).
     */
    private static final String PAYLOAD = "SensitiveData";

    private final ServiceModel model;

    RequestConstraints(ServiceModel model) {
        this.model = model;
    }

    /**
     * @throws ApiException {@code SerializationException} for the first member of the wrong type, else
     *     {@code ValidationException} listing every violated constraint of {@code request}
     */
    void check(String operation, JsonNode request) {
        model.inputShape(operation).ifPresent(shape -> requireTypes(shape, request, ""));
        List<String> violations = violations(operation, request);
        if (!violations.isEmpty()) {
            throw ApiException.of("ValidationException", violations.size() + " validation error"
                    + (violations.size() == 1 ? "" : "s") + " detected: " + String.join("; ", violations));
        }
    }

    /** Every constraint {@code request} violates, in the model's member order; empty when it satisfies them. */
    List<String> violations(String operation, JsonNode request) {
        List<String> violations = new ArrayList<>();
        model.inputShape(operation).ifPresent(shape -> visit(shape, request, "", violations));
        return violations;
    }

    private void requireTypes(String shapeName, JsonNode value, String path) {
        if (value == null || value.isNull()) {
            return;
        }
        JsonNode shape = model.shape(shapeName);
        String type = shape.path("type").asText();
        boolean fits = switch (type) {
            case "structure", "map" -> value.isObject();
            case "list" -> value.isArray();
            case "string", "blob" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "integer", "long" -> value.isIntegralNumber();
            case "float", "double", "timestamp" -> value.isNumber();
            default -> true;
        };
        if (!fits) {
            throw ApiException.of("SerializationException", path.isEmpty() ? "The request body must be a JSON object"
                    : "Member '" + path + "' must be " + (type.equals("list") ? "a list" : type.equals("structure")
                    || type.equals("map") ? "an object" : "a " + type));
        }
        if (type.equals("structure")) {
            shape.path("members").fields().forEachRemaining(member -> requireTypes(
                    member.getValue().path("shape").textValue(), value.get(member.getKey()),
                    path.isEmpty() ? member.getKey() : path + "." + member.getKey()));
        } else if (type.equals("list")) {
            String member = shape.path("member").path("shape").textValue();
            for (int i = 0; i < value.size(); i++) {
                requireTypes(member, value.get(i), path + "." + (i + 1) + ".member");
            }
        } else if (type.equals("map")) {
            String member = shape.path("value").path("shape").textValue();
            value.fields().forEachRemaining(entry -> requireTypes(member, entry.getValue(), path + "." + entry.getKey()));
        }
    }

    private void visit(String shapeName, JsonNode value, String path, List<String> violations) {
        JsonNode shape = model.shape(shapeName);
        switch (shape.path("type").asText()) {
            case "structure" -> structure(shape, value, path, violations);
            case "string" -> string(shapeName, shape, value, path, violations);
            case "integer", "long", "float", "double" -> number(shape, value, path, violations);
            case "list" -> list(shape, value, path, violations);
            case "map" -> map(shape, value, path, violations);
            default -> {
                // booleans, timestamps and blobs carry no constraints in this model
            }
        }
    }

    private void structure(JsonNode shape, JsonNode value, String path, List<String> violations) {
        if (!value.isObject()) {
            return;
        }
        List<String> required = new ArrayList<>();
        shape.path("required").forEach(name -> required.add(name.textValue()));
        Iterator<Map.Entry<String, JsonNode>> members = shape.path("members").fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            String memberPath = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
            JsonNode memberValue = value.get(member.getKey());
            if (memberValue == null || memberValue.isNull()) {
                if (required.contains(member.getKey())) {
                    JsonNode memberShape = model.shape(member.getValue().path("shape").textValue());
                    violations.add("Value" + (sensitive(memberShape) ? "" : " null") + " at '" + memberPath
                            + "' failed to satisfy constraint: Member must not be null");
                }
                continue;
            }
            visit(member.getValue().path("shape").textValue(), memberValue, memberPath, violations);
        }
    }

    private void string(String shapeName, JsonNode shape, JsonNode value, String path, List<String> violations) {
        if (!value.isTextual()) {
            return;
        }
        String text = value.textValue();
        if (!shapeName.equals(PAYLOAD)) {
            length(shape, text.codePointCount(0, text.length()), value, path, violations);
        }
        JsonNode pattern = shape.get("pattern");
        if (pattern != null && !PATTERNS.computeIfAbsent(pattern.textValue(), Pattern::compile).matcher(text).matches()) {
            violations.add(violation(shape, value, path, "Member must satisfy regular expression pattern: "
                    + pattern.textValue()));
        }
        JsonNode values = shape.get("enum");
        if (values != null) {
            List<String> allowed = new ArrayList<>();
            values.forEach(v -> allowed.add(v.textValue()));
            if (!allowed.contains(text)) {
                violations.add(violation(shape, value, path, "Member must satisfy enum value set: " + allowed));
            }
        }
    }

    private void number(JsonNode shape, JsonNode value, String path, List<String> violations) {
        if (!value.isNumber()) {
            return;
        }
        if (shape.has("min") && value.decimalValue().compareTo(shape.get("min").decimalValue()) < 0) {
            violations.add(violation(shape, value, path, "Member must have value greater than or equal to "
                    + shape.get("min").asText()));
        }
        if (shape.has("max") && value.decimalValue().compareTo(shape.get("max").decimalValue()) > 0) {
            violations.add(violation(shape, value, path, "Member must have value less than or equal to "
                    + shape.get("max").asText()));
        }
    }

    private void list(JsonNode shape, JsonNode value, String path, List<String> violations) {
        if (!value.isArray()) {
            return;
        }
        length(shape, value.size(), value, path, violations);
        String member = shape.path("member").path("shape").textValue();
        for (int i = 0; i < value.size(); i++) {
            // AWS numbers list elements from 1: "tags.1.member.key".
            visit(member, value.get(i), path + "." + (i + 1) + ".member", violations);
        }
    }

    private void map(JsonNode shape, JsonNode value, String path, List<String> violations) {
        if (value.isObject()) {
            length(shape, value.size(), value, path, violations);
        }
    }

    private void length(JsonNode shape, int length, JsonNode value, String path, List<String> violations) {
        if (shape.has("min") && length < shape.get("min").intValue()) {
            violations.add(violation(shape, value, path, "Member must have length greater than or equal to "
                    + shape.get("min").intValue()));
        }
        if (shape.has("max") && length > shape.get("max").intValue()) {
            violations.add(violation(shape, value, path, "Member must have length less than or equal to "
                    + shape.get("max").intValue()));
        }
    }

    private static String violation(JsonNode shape, JsonNode value, String path, String constraint) {
        String shown = sensitive(shape) ? "" : " '" + text(value) + "'";
        return "Value" + shown + " at '" + path + "' failed to satisfy constraint: " + constraint;
    }

    private static boolean sensitive(JsonNode shape) {
        return shape.path("sensitive").asBoolean(false);
    }

    /** A value as AWS's Java front end prints it: strings raw, lists as {@code [a, b]}. */
    private static String text(JsonNode value) {
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.isArray()) {
            List<String> elements = new ArrayList<>();
            value.forEach(element -> elements.add(text(element)));
            return elements.toString();
        }
        return value.toString();
    }
}
