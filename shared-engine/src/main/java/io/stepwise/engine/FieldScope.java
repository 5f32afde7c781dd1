package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.ChoiceBranch;
import io.stepwise.query.PathOrIntrinsic;

/**
 * A state's input as its dialect's expressions see it, made once per run of the state so that every field read
 * from it (Assign, each Choice rule, Output) sees the same values: JSONPath's effective input (after InputPath) and
 * context, or JSONata's {@code $states}.
 */
sealed interface FieldScope permits JsonPathScope, JsonataScope {
    /** The input after InputPath as TestState shows it (JSONPath), {@code null} in JSONata, which has none. */
    JsonNode afterInputPath();

    /** The input the state's fields read: JSONPath's effective input, JSONata's {@code $states.input}. */
    JsonNode effectiveInput();

    /** An {@code Assign} block (the state's or a Choice rule's), {@code null} for none. */
    ObjectNode assign(JsonNode assign);

    /** Whether a Choice rule matches: its JSONPath rule, or its JSONata {@code Condition}, which must be a boolean. */
    boolean matches(ChoiceBranch rule);

    /**
     * The state's output when it has no result: JSONPath's OutputPath over the effective input; JSONata's
     * {@code ruleOutput} (a Choice rule's own {@code Output}) when given, else the state's {@code Output}, else the
     * input.
     */
    JsonNode output(JsonNode ruleOutput);

    /**
     * A Fail state's {@code Error} or {@code Cause} as text: the fixed value, else (JSONPath) the value
     * {@code path} (its {@code ErrorPath}/{@code CausePath}, a path or an intrinsic) selects; JSONata evaluates
     * {@code value}. {@code null} when the state has neither.
     *
     * @param field {@code Error} or {@code Cause}
     */
    String text(JsonNode value, PathOrIntrinsic path, String field);
}
