package io.stepwise.asl.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** One state being validated: its JSON, where it is, and the dialect it is written in. */
record StateScope(JsonNode node, String location, QueryLanguage language, ValidationContext ctx) {

    String at(String field) {
        return Locations.field(location, field);
    }

    boolean jsonPath() {
        return language == QueryLanguage.JSONPATH;
    }

    JsonNode get(String field) {
        return node.get(field);
    }

    boolean has(String field) {
        return node.has(field);
    }
}
