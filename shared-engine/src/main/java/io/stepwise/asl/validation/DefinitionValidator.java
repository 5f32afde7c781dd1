package io.stepwise.asl.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.stepwise.asl.StateMachineType;
import io.stepwise.query.Json;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates the raw text of an Amazon States Language definition the way {@code CreateStateMachine}
 * and {@code ValidateStateMachineDefinition} do, reporting every problem rather than the first.
 */
public final class DefinitionValidator {
    private static final Set<String> TOP_LEVEL_FIELDS = Set.of("Comment", "StartAt", "States", "Version",
            "TimeoutSeconds", "QueryLanguage");
    private static final long MAX_TIMEOUT = 99_999_999L;
    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("Unrecognized token '([^']*)'");
    /** AWS's parse errors quote the source text, which Jackson only does when asked. */
    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private DefinitionValidator() {
    }

    /** Validates a definition for a STANDARD state machine with the real expression parsers. */
    public static ValidationResult validate(String definitionText) {
        return validate(definitionText, StateMachineType.STANDARD);
    }

    /** @param type null means STANDARD */
    public static ValidationResult validate(String definitionText, StateMachineType type) {
        return validate(definitionText, type, ExpressionChecker.standard());
    }

    public static ValidationResult validate(String definitionText, StateMachineType type,
                                            ExpressionChecker checker) {
        ValidationContext ctx = new ValidationContext(type == StateMachineType.EXPRESS, checker);
        JsonNode definition = parse(definitionText, ctx);
        if (definition != null) {
            machine(definition, ctx);
        }
        return ValidationResult.of(ctx.diagnostics());
    }

    /**
     * The message of the {@code InvalidDefinition} error CreateStateMachine answers for an invalid
     * definition, e.g. {@code Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: ... at /States/X'}.
     */
    public static String createErrorMessage(ValidationResult result) {
        return result.errors().stream()
                .map(d -> d.code() + ": " + d.message() + " at " + d.location())
                .collect(Collectors.joining(", ", "Invalid State Machine Definition: '", "'"));
    }

    private static JsonNode parse(String text, ValidationContext ctx) {
        JsonNode definition;
        try {
            definition = text == null ? null : READER.readTree(text);
        } catch (JsonProcessingException e) {
            String location = parseLocation(e);
            ctx.report(Diagnostic.INVALID_JSON_DESCRIPTION, e.getOriginalMessage() + "\n at " + location, location);
            return null;
        }
        if (definition == null || !definition.isObject()) {
            ctx.schema("Definition must be a valid JSON object", null);
            return null;
        }
        return definition;
    }

    /**
     * AWS's (older) Jackson reports an unrecognised token at the position after it; current Jackson
     * reports where it starts. Shifting by the token's length gives AWS's column.
     */
    private static String parseLocation(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        Matcher token = UNRECOGNIZED_TOKEN.matcher(String.valueOf(e.getOriginalMessage()));
        if (location == null || !token.lookingAt()) {
            return String.valueOf(location);
        }
        int length = token.group(1).length();
        return new JsonLocation(location.contentReference(), location.getByteOffset(),
                location.getCharOffset() + length, location.getLineNr(), location.getColumnNr() + length).toString();
    }

    private static void machine(JsonNode definition, ValidationContext ctx) {
        FieldRules.supported(definition, Locations.ROOT, TOP_LEVEL_FIELDS, ctx);
        FieldRules.oneOf(definition, "QueryLanguage", Locations.ROOT, ctx, "JSONPath", "JSONata");
        if (QueryLanguage.fromAsl(definition.path("QueryLanguage").asText()) == QueryLanguage.JSONATA) {
            ctx.topLevelLanguage(QueryLanguage.JSONATA);
        }
        FieldRules.string(definition, "Comment", "/Comment", ctx);
        FieldRules.string(definition, "Version", "/Version", ctx);
        FieldRules.integer(definition, "TimeoutSeconds", Locations.ROOT, 1, MAX_TIMEOUT, QueryLanguage.JSONPATH, ctx);
        StatesBlockValidator.validate(definition, Locations.ROOT, ctx);
    }
}
