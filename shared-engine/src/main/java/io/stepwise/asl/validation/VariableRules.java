package io.stepwise.asl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;

/**
 * Workflow variables: the names an {@code Assign} block declares. A name is a Unicode identifier
 * (ID_Start or {@code _}, then ID_Continue), at most 80 characters, not the reserved {@code states}; it names a whole
 * variable, so partial assignments such as {@code x.y} or {@code x[0]} are refused. In a JSONPath
 * {@code Assign} the key may carry the {@code .$} suffix of a payload template.
 */
final class VariableRules {
    static final int MAX_NAME_LENGTH = 80;
    static final String RESERVED = "states";
    private static final String DYNAMIC_SUFFIX = ".$";

    private VariableRules() {
    }

    /** Checks the keys of {@code object.Assign}; findings are located at the Assign block. */
    static void assign(JsonNode object, String location, QueryLanguage language, ValidationContext ctx) {
        JsonNode assign = object.get("Assign");
        if (assign == null) {
            return;
        }
        String at = Locations.field(location, "Assign");
        if (!assign.isObject()) {
            ctx.schema("The field 'Assign' must be an object", at);
            return;
        }
        Iterator<String> keys = assign.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            String name = language == QueryLanguage.JSONPATH && key.endsWith(DYNAMIC_SUFFIX)
                    ? key.substring(0, key.length() - DYNAMIC_SUFFIX.length())
                    : key;
            String problem = problem(name);
            if (problem != null) {
                ctx.schema(problem, at);
            }
        }
    }

    /** @return why {@code name} cannot be a variable name, or {@code null} when it can */
    static String problem(String name) {
        if (name.equals(RESERVED)) {
            return "The variable name '" + RESERVED + "' is reserved";
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            return "Variable name cannot be longer than " + MAX_NAME_LENGTH + " characters";
        }
        if (!isIdentifier(name)) {
            return "The variable name '" + name + "' is not valid: a variable name must start with a Unicode "
                    + "ID_Start character, continue with ID_Continue characters, and name a whole variable";
        }
        return null;
    }

    static boolean isIdentifier(String name) {
        if (name.isEmpty()) {
            return false;
        }
        int first = name.codePointAt(0);
        // '_' is not ID_Start, but the JSONPath and JSONata readers both accept $_name, so it is allowed.
        if (!Character.isUnicodeIdentifierStart(first) && first != '_') {
            return false;
        }
        return name.codePoints().skip(1).allMatch(c -> Character.isUnicodeIdentifierPart(c)
                && !Character.isIdentifierIgnorable(c));
    }
}
