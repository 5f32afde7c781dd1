package io.stepwise.engine.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepwise.engine.history.PayloadText;
import io.stepwise.query.Json;
import java.util.HashMap;
import java.util.Map;

/**
 * One thread of control: the top level of the execution, a Parallel branch or a Map iteration.
 * A branch owns its variable scope and the per-retrier attempt counts of its states.
 */
// Fields at their defaults are left out: a wide Map stores thousands of branches.
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public final class BranchState {
    /** Unique in the execution; children are {@code <parent>/<state>/<index>}. */
    public String id;
    /** Index of this branch in its Parallel state, or the item index in its Map state. */
    public int index;
    public String state;
    public Phase phase = Phase.ENTERING;
    /** The raw input of the current state; stored as the text it was given in when there is one. */
    @JsonIgnore
    public JsonNode stateInput;
    /** {@link #stateInput} as the payload of its events, shared by the events that carry it. */
    @JsonIgnore
    public PayloadText stateInputText;
    public long enteredEventId;
    /** The event the state's entered event follows; AWS chains {@code EvaluationFailed} to it. */
    public long enteredPrevious;
    public String enteredTime;
    /** The id that the next event of this branch names as {@code previousEventId}. */
    public long source;
    /** The task or timer this branch waits for. */
    public String pendingRef;
    /** The task being run, kept so that a retry and the completion events can refer to it. */
    public PendingTask task;
    /** Attempts used per retrier, keyed {@code <state>#<retrier index>}; AWS counts across visits. */
    public Map<String, Integer> retryCounts = new HashMap<>();
    /** Retries of the current visit, exposed as {@code $$.State.RetryCount}. */
    public int stateRetryCount;
    /** Variables assigned in this branch's own scope. */
    public ObjectNode variables;
    public ChildrenState children;
    /** A Distributed Map's Map Run while this branch waits for it. */
    public MapRunState mapRun;
    /**
     * The Distributed Map's Map Run that failed or was aborted with this branch still in its Map state: a redrive
     * of the execution redrives it rather than starting a new one (AWS REDRIVE-MAP-RUN).
     */
    public MapRunState stoppedMapRun;
    /** Map iterations: the item this iteration processes. */
    public JsonNode itemValue;
    public JsonNode output;
    public String error;
    public String cause;

    /**
     * {@link #stateInputText} when its text was given rather than written from {@link #stateInput}: the execution
     * input, which AWS echoes byte for byte until a state changes it. Stored, so that an execution reloaded between
     * two steps shows the same history; reading it sets both fields.
     */
    @JsonProperty("givenInputText")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private String givenInputText() {
        return stateInputText != null && stateInputText.isGiven() && !inputIsExecutionInput
                ? stateInputText.text() : null;
    }

    @JsonProperty("givenInputText")
    void givenInputText(String text) {
        stateInput = Json.parse(text);
        stateInputText = new PayloadText(stateInput, text);
    }

    /** {@link #stateInput} when no given text stands for it. */
    @JsonProperty("stateInput")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private JsonNode storedStateInput() {
        return stateInputText != null && stateInputText.isGiven() ? null : stateInput;
    }

    @JsonProperty("stateInput")
    private void storedStateInput(JsonNode input) {
        stateInput = input;
    }

    /**
     * Whether the given input text is the execution's input, which the state stores once (in its start) rather than
     * again here: the root branch's first state, e.g. a Distributed Map over a large input. Set by
     * {@link ExecutionState} as it is written and read.
     */
    @JsonProperty("inputIsExecutionInput")
    boolean inputIsExecutionInput;

    public static BranchState create(String id, String startAt, JsonNode input, long source) {
        BranchState branch = new BranchState();
        branch.id = id;
        branch.state = startAt;
        branch.stateInput = input;
        branch.source = source;
        return branch;
    }

    /** Moves this branch to {@code next}, one of the transitions {@link PhaseLifecycle} allows from its phase. */
    public void moveTo(Phase next) {
        PhaseLifecycle.move(this, next);
    }

    public int attempts(String stateName, int retrierIndex) {
        return retryCounts.getOrDefault(stateName + "#" + retrierIndex, 0);
    }

    public void countAttempt(String stateName, int retrierIndex) {
        retryCounts.merge(stateName + "#" + retrierIndex, 1, Integer::sum);
    }
}
