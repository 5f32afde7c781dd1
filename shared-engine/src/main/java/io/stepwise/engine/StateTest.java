package io.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.asl.CompiledFields;
import io.stepwise.asl.State;
import io.stepwise.engine.port.IntegrationRegistry;

/**
 * One state to run on its own, as the TestState API runs it: no execution, no history, the task's answer given
 * by a mock instead of an integration.
 *
 * @param state the state, parsed in the query language it runs in
 * @param fields the compiled fields of the definition the state was parsed with
 * @param input the state's input
 * @param variables the workflow variables visible to the state ({@code null} for none)
 * @param context the context object {@code $$} / {@code $states.context}, already complete
 * @param mock the task's (or Map's, Parallel's) answer, or {@code null} to say there is none
 * @param configuration the retry count, Map failure count and Map item reader data the caller states
 * @param integrations what calls a Task state's service when there is no mock ({@code null} for nothing)
 * @param roleArn the request's role, which a called service runs as (the execution role of an execution), or
 *     {@code null}
 * @param revealSecrets whether the HTTP exchange a called service reports shows what its EventBridge connection
 *     added (TestState's {@code revealSecrets})
 */
public record StateTest(State state, CompiledFields fields, JsonNode input, ObjectNode variables, JsonNode context, Mock mock,
        Configuration configuration, IntegrationRegistry integrations, String roleArn, boolean revealSecrets) {

    public StateTest(State state, CompiledFields fields, JsonNode input, ObjectNode variables, JsonNode context, Mock mock,
            Configuration configuration, IntegrationRegistry integrations, String roleArn) {
        this(state, fields, input, variables, context, mock, configuration, integrations, roleArn, false);
    }

    public StateTest(State state, CompiledFields fields, JsonNode input, ObjectNode variables, JsonNode context, Mock mock,
            Configuration configuration) {
        this(state, fields, input, variables, context, mock, configuration, null, null);
    }

    public StateTest(State state, CompiledFields fields, JsonNode input, ObjectNode variables, JsonNode context, Mock mock,
            Configuration configuration, IntegrationRegistry integrations) {
        this(state, fields, input, variables, context, mock, configuration, integrations, null);
    }

    /** Exactly one of {@code result} and {@code error} is set. */
    public record Mock(JsonNode result, String error, String cause) {
        public static Mock ofResult(JsonNode result) {
            return new Mock(result, null, null);
        }

        public static Mock ofError(String error, String cause) {
            return new Mock(null, error, cause);
        }

        public boolean failed() {
            return result == null;
        }
    }

    /**
     * {@code stateConfiguration} of TestState.
     *
     * @param retrierRetryCount retries the matching retrier has already made (0 when absent)
     * @param mapIterationFailureCount Map iterations that failed (0 when absent)
     * @param mapItemReaderData the items an {@code ItemReader} would have read, or {@code null}
     */
    public record Configuration(int retrierRetryCount, int mapIterationFailureCount, JsonNode mapItemReaderData) {
        public static final Configuration NONE = new Configuration(0, 0, null);
    }
}
