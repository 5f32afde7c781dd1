package io.stepwise.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parsed, valid state machine definition.
 *
 * @param timeoutSeconds the execution timeout, or {@code null} for none (a Standard execution then runs up
 *     to a year)
 * @param source the definition as written, kept for DescribeStateMachine
 * @param fields the compiled form of the fields the states keep as written, compiled with the definition
 */
public record StateMachineDefinition(
        Workflow workflow, QueryLanguage queryLanguage, String comment, String version, Integer timeoutSeconds,
        JsonNode source, CompiledFields fields) {
}
