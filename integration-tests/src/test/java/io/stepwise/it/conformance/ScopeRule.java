package io.stepwise.it.conformance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which cases the engine does not attempt yet, decided by what the case uses (never by its id):
 * definitions in the JSONata query language, until the JSONata dialect lands in the interpreter.
 */
final class ScopeRule {
    private ScopeRule() {
    }

    /** Null when the case is in scope, else why it is skipped. */
    static String skipReason(JsonNode testCase) {
        JsonNode definition = testCase.get("definition");
        if (definition != null && usesJsonata(definition)) {
            return "uses QueryLanguage JSONata (not yet in the interpreter)";
        }
        return null;
    }

    private static boolean usesJsonata(JsonNode node) {
        if (node.isObject()) {
            JsonNode language = node.get("QueryLanguage");
            if (language != null && "JSONata".equals(language.asText())) {
                return true;
            }
            for (JsonNode child : node) {
                if (usesJsonata(child)) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                if (usesJsonata(child)) {
                    return true;
                }
            }
        }
        return false;
    }
}
