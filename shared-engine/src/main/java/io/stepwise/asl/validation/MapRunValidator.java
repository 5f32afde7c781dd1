package io.stepwise.asl.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The expressions inside a Distributed Map's ItemReader, ItemBatcher and ResultWriter, checked as the same kinds of
 * field are elsewhere: a JSONPath state's {@code Parameters} and {@code BatchInput} are payload templates and its
 * {@code *Path} fields Reference Paths over the input and variables (like MaxConcurrencyPath); a JSONata state's
 * fields may hold expressions. The parser compiles these fields, so a definition accepted here always compiles.
 */
final class MapRunValidator {
    private static final String[] BATCH_LIMITS = {"MaxItemsPerBatch", "MaxInputBytesPerBatch"};

    private MapRunValidator() {
    }

    static void validate(StateScope s) {
        JsonNode reader = object(s, "ItemReader");
        JsonNode batcher = object(s, "ItemBatcher");
        JsonNode writer = object(s, "ResultWriter");
        String argumentsField = s.jsonPath() ? "Parameters" : "Arguments";
        if (reader != null) {
            String at = s.at("ItemReader");
            arguments(s, reader, argumentsField, at);
            JsonNode config = reader.get("ReaderConfig");
            if (config != null && config.isObject()) {
                limit(s, config, "MaxItems", Locations.field(at, "ReaderConfig"));
            }
        }
        if (batcher != null) {
            String at = s.at("ItemBatcher");
            arguments(s, batcher, "BatchInput", at);
            for (String limit : BATCH_LIMITS) {
                limit(s, batcher, limit, at);
            }
        }
        if (writer != null) {
            arguments(s, writer, argumentsField, s.at("ResultWriter"));
        }
    }

    private static JsonNode object(StateScope s, String field) {
        JsonNode value = s.get(field);
        return value != null && value.isObject() ? value : null;
    }

    private static void arguments(StateScope s, JsonNode holder, String field, String at) {
        if (s.jsonPath()) {
            if (holder.has(field)) {
                PathRules.payloadTemplate(holder.get(field), Locations.field(at, field), s.ctx());
            }
        } else {
            JsonataRules.field(holder, field, at, s.ctx());
        }
    }

    /** A count written as a number or (JSONPath) as a {@code *Path}, (JSONata) as an expression. */
    private static void limit(StateScope s, JsonNode holder, String field, String at) {
        FieldRules.exclusive(holder, at, s.ctx(), field, field + "Path");
        if (s.jsonPath()) {
            PathRules.referencePath(holder, field + "Path", at, PathRules.Roots.INPUT_AND_VARIABLES, false, s.ctx());
        } else {
            JsonataRules.field(holder, field, at, s.ctx());
        }
    }
}
