package io.stepwise.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Fields most state types share.
 *
 * @param next the state to go to, or {@code null} for an End state (or a type without transitions)
 * @param assign the {@code Assign} block as written, or {@code null}
 * @param output the JSONata {@code Output} as written, or {@code null}
 */
public record StateCommon(
        String name, String type, QueryLanguage language, String next, boolean end,
        DataPath inputPath, DataPath outputPath, JsonNode assign, JsonNode output) {

    public boolean isJsonata() {
        return language == QueryLanguage.JSONATA;
    }
}
