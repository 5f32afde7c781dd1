package io.stepwise.asl;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.query.JsonPathExpression;
import io.stepwise.query.PayloadTemplate;

/**
 * An inline or distributed Map.
 *
 * @param itemsPath {@code ItemsPath} (JSONPath states), {@code $} when absent
 * @param items the JSONata {@code Items} as written, or {@code null}
 * @param itemSelector {@code ItemSelector} or the legacy {@code Parameters} (JSONPath), or {@code null}
 * @param jsonataItemSelector {@code ItemSelector} in a JSONata state, or {@code null}
 * @param maxConcurrency a number or (JSONata) an expression, or {@code null} for unlimited
 * @param processorDefinition a distributed Map's ItemProcessor as the state machine its child executions run
 *     (inheriting the Map state's query language), or {@code null} for an inline Map
 * @param executionType a distributed Map's {@code ExecutionType} ({@code STANDARD} or {@code EXPRESS}), else
 *     {@code null}
 */
public record MapState(
        StateCommon common, Workflow processor, boolean distributed, String label, JsonPathExpression itemsPath,
        JsonNode items, PayloadTemplate itemSelector, JsonNode jsonataItemSelector, PayloadTemplate resultSelector,
        DataPath resultPath, ErrorHandling errorHandling, JsonNode maxConcurrency, JsonPathExpression maxConcurrencyPath,
        JsonNode toleratedFailureCount, JsonPathExpression toleratedFailureCountPath,
        JsonNode toleratedFailurePercentage, JsonPathExpression toleratedFailurePercentagePath,
        JsonNode itemReader, JsonNode itemBatcher, JsonNode resultWriter, String processorDefinition,
        StateMachineType executionType) implements State {
}
