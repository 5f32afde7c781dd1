package io.stepwise.asl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Set;

/** Map: one item processor (a nested workflow), where the items come from, and the concurrency knobs. */
final class MapValidator {
    private static final Set<String> PROCESSOR_FIELDS = Set.of("StartAt", "States", "ProcessorConfig", "Comment");
    private static final Set<String> PROCESSOR_CONFIG_FIELDS = Set.of("Mode", "ExecutionType");
    private static final long MAX_LABEL_LENGTH = 40;

    private MapValidator() {
    }

    static void validate(StateScope s) {
        ValidationContext ctx = s.ctx();
        if (!s.has("ItemProcessor") && !s.has("Iterator")) {
            ctx.schema("These fields are required: [ItemProcessor]", s.location());
        }
        FieldRules.exclusive(s.node(), s.location(), ctx, "ItemProcessor", "Iterator");
        processor(s, "ItemProcessor");
        processor(s, "Iterator");
        items(s);
        limits(s);
        MapRunValidator.validate(s);
        JsonNode label = s.get("Label");
        if (label != null && (!label.isTextual() || label.asText().length() > MAX_LABEL_LENGTH)) {
            ctx.schema("The field 'Label' must be a string of at most " + MAX_LABEL_LENGTH + " characters",
                    s.at("Label"));
        }
    }

    private static void processor(StateScope s, String field) {
        JsonNode processor = s.get(field);
        if (processor == null) {
            return;
        }
        String at = s.at(field);
        if (!processor.isObject()) {
            s.ctx().schema("Value must be an object", at);
            return;
        }
        FieldRules.supported(processor, at, PROCESSOR_FIELDS, s.ctx());
        JsonNode config = processor.get("ProcessorConfig");
        if (config != null && config.isObject()) {
            String configAt = Locations.field(at, "ProcessorConfig");
            FieldRules.supported(config, configAt, PROCESSOR_CONFIG_FIELDS, s.ctx());
            FieldRules.oneOf(config, "Mode", configAt, s.ctx(), "INLINE", "DISTRIBUTED");
            FieldRules.oneOf(config, "ExecutionType", configAt, s.ctx(), "STANDARD", "EXPRESS");
            if (config.path("Mode").asText().equals("DISTRIBUTED")) {
                FieldRules.required(config, configAt, s.ctx(), "ExecutionType");
            }
        }
        StatesBlockValidator.validate(processor, at, s.ctx());
    }

    private static void items(StateScope s) {
        if (s.jsonPath()) {
            // ItemsPath is the one Map path that may read the context object.
            PathRules.referencePath(s.node(), "ItemsPath", s.location(), PathRules.Roots.ANY, false, s.ctx());
            if (s.has("ItemSelector")) {
                PathRules.payloadTemplate(s.get("ItemSelector"), s.at("ItemSelector"), s.ctx());
            }
        } else {
            JsonataRules.field(s.node(), "Items", s.location(), s.ctx());
            JsonataRules.field(s.node(), "ItemSelector", s.location(), s.ctx());
        }
    }

    private static void limits(StateScope s) {
        ValidationContext ctx = s.ctx();
        FieldRules.exclusive(s.node(), s.location(), ctx, "MaxConcurrency", "MaxConcurrencyPath");
        FieldRules.exclusive(s.node(), s.location(), ctx, "ToleratedFailureCount", "ToleratedFailureCountPath");
        FieldRules.exclusive(s.node(), s.location(), ctx, "ToleratedFailurePercentage",
                "ToleratedFailurePercentagePath");
        FieldRules.integer(s.node(), "MaxConcurrency", s.location(), 0, Integer.MAX_VALUE, s.language(), ctx);
        FieldRules.integer(s.node(), "ToleratedFailureCount", s.location(), 0, Integer.MAX_VALUE, s.language(), ctx);
        FieldRules.number(s.node(), "ToleratedFailurePercentage", s.location(), BigDecimal.valueOf(0.0),
                BigDecimal.valueOf(100.0), s.language(), ctx);
        if (s.jsonPath()) {
            for (String path : new String[] {"MaxConcurrencyPath", "ToleratedFailureCountPath",
                    "ToleratedFailurePercentagePath"}) {
                PathRules.referencePath(s.node(), path, s.location(), PathRules.Roots.INPUT_AND_VARIABLES, false, ctx);
            }
        } else {
            for (String field : new String[] {"MaxConcurrency", "ToleratedFailureCount", "ToleratedFailurePercentage"}) {
                JsonataRules.field(s.node(), field, s.location(), ctx);
            }
        }
    }
}
