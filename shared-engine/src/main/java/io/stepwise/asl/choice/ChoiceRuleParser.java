package io.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;

/** TEMPORARY placeholder, replaced by the choice branch. */
public final class ChoiceRuleParser {
    private ChoiceRuleParser() {
    }

    public static ChoiceRule parse(JsonNode rule) {
        return ctx -> false;
    }
}
