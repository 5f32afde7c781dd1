package io.stepwise.query.jsonata;

import java.util.Set;

/**
 * What an expression reads from outside itself.
 *
 * @param statesFields the members of {@code $states} it names ({@code input}, {@code result},
 *     {@code errorOutput}, {@code context}, or anything else a user wrote)
 * @param variables the workflow variables it reads: {@code $name} references that are neither functions
 *     nor bound inside the expression ({@code $x := ...}, lambda parameters)
 */
public record JsonataReferences(Set<String> statesFields, Set<String> variables) {
    public JsonataReferences {
        statesFields = Set.copyOf(statesFields);
        variables = Set.copyOf(variables);
    }
}
