package io.stepwise.engine.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.databind.JsonNode;
import io.stepwise.engine.ExecutionStart;
import io.stepwise.engine.ExecutionStatus;
import io.stepwise.query.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * All runtime state of one execution: a JSON-serialisable value that can be saved between any two steps.
 * Instances are mutable only inside {@code Interpreter}, which works on its own copy.
 */
public final class ExecutionState {
    /**
     * 2: a branch keeps its input text as given ({@code givenInputText}). 3: the execution input is no longer stored
     * beside {@code start.inputText}, and fields at their defaults are left out. 4: a branch with a given input text
     * no longer stores its input value too, and the root branch whose input is the execution's stores neither
     * ({@code inputIsExecutionInput}); Map Runs ({@code mapRun}) and notices ({@code notices}) appear. 5: a branch
     * keeps the Map Run that stopped with it ({@code stoppedMapRun}) for a redrive, and a Map Run its
     * {@code redriveCount} and which children were unsuccessful ({@code unsuccessful}).
     */
    public static final int FORMAT_VERSION = 5;

    public int formatVersion = FORMAT_VERSION;
    public ExecutionStart start;
    /** Stored once, as {@link ExecutionStart#inputText}, and parsed again when a stored state is read. */
    @JsonIgnore
    public JsonNode input;
    public ExecutionStatus status = ExecutionStatus.RUNNING;
    public JsonNode output;
    public String error;
    public String cause;
    /** How often RedriveExecution reopened this execution: {@code $$.Execution.RedriveCount}. */
    public int redriveCount;
    /** The id the next history event gets. */
    public long nextEventId = 1;
    /** Counts draws from the execution's randomness so each draw is new yet replayable. */
    public long randomDraws;
    @JsonIgnore
    public BranchState root;
    /** Set while a step that reached its budget waits for its continuation; {@code null} otherwise. */
    public Continuation continuation;
    /** How many steps reached their budget; numbers the continuations so that each ref is new. */
    public long continuations;
    /**
     * Refs of commands the execution issued that must be carried out even after it ended (telling its parent that
     * it ended, stopping its Map Run's children), until their answer settles them.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> notices = new ArrayList<>();

    @JsonSetter("start")
    void readStart(ExecutionStart stored) {
        start = stored;
        input = stored == null ? null : Json.parse(stored.inputText());
        restoreRootInput();
    }

    /** The root branch, whose input, when it is the execution's, is not written a second time. */
    @JsonProperty("root")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    BranchState writtenRoot() {
        if (root != null) {
            root.inputIsExecutionInput = start != null && root.stateInputText != null
                    && root.stateInputText.isGiven() && root.stateInputText.text().equals(start.inputText());
        }
        return root;
    }

    @JsonProperty("root")
    void readRoot(BranchState stored) {
        root = stored;
        restoreRootInput();
    }

    private void restoreRootInput() {
        if (root != null && start != null && root.inputIsExecutionInput) {
            root.givenInputText(start.inputText());
        }
    }

    public ExecutionState copy() {
        return Json.MAPPER.convertValue(Json.MAPPER.valueToTree(this), ExecutionState.class);
    }

    public long lastEventId() {
        return nextEventId - 1;
    }
}
