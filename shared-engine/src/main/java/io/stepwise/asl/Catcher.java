package io.stepwise.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One entry of a {@code Catch} array. */
public record Catcher(List<String> errorEquals, String next, DataPath resultPath, JsonNode assign, JsonNode output) {
    public Catcher {
        errorEquals = List.copyOf(errorEquals);
    }
}
