package io.stepwise.asl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** JSONata-dialect checks: every {@code {% ... %}} string in a field is handed to the JSONata checker. */
final class JsonataRules {
    private static final String OPEN = "{%";
    private static final String CLOSE = "%}";

    private JsonataRules() {
    }

    /** Whether {@code value} is a JSONata expression that stands in for a literal in a JSONata state. */
    static boolean isExpression(JsonNode value, QueryLanguage language) {
        return language == QueryLanguage.JSONATA && value.isTextual() && isExpression(value.asText());
    }

    static boolean isExpression(String text) {
        return text.startsWith(OPEN) && text.endsWith(CLOSE) && text.length() >= OPEN.length() + CLOSE.length();
    }

    /** Checks every expression inside {@code state.field}, wherever it is nested. */
    static void field(JsonNode state, String field, String location, ValidationContext ctx) {
        JsonNode value = state.get(field);
        if (value != null) {
            walk(value, Locations.field(location, field), ctx);
        }
    }

    private static void walk(JsonNode value, String location, ValidationContext ctx) {
        if (value.isTextual() && isExpression(value.asText())) {
            String text = value.asText();
            try {
                ctx.checker().checkJsonata(text.substring(OPEN.length(), text.length() - CLOSE.length()));
            } catch (IllegalArgumentException e) {
                ctx.report(Diagnostic.INVALID_JSONATA_EXPRESSION, String.valueOf(e.getMessage()), location);
            }
        } else if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                walk(field.getValue(), Locations.field(location, field.getKey()), ctx);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                walk(value.get(i), Locations.item(location, i), ctx);
            }
        }
    }
}
