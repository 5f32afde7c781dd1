package io.stepwise.asl;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.asl.choice.ChoiceRule;

/**
 * One entry of {@code Choices}.
 *
 * @param rule the JSONPath rule, or {@code null} in a JSONata state
 * @param condition the JSONata {@code Condition}, or {@code null} in a JSONPath state
 */
public record ChoiceBranch(ChoiceRule rule, JsonNode condition, String next, JsonNode assign, JsonNode output) {
}
