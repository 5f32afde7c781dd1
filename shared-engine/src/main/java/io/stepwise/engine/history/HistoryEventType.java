package io.stepwise.engine.history;

import java.util.HashMap;
import java.util.Map;

/**
 * The type of a history event, one constant per value of AWS's {@code HistoryEventType} under the same name
 * (a test compares them with the SDK's model), with the text AWS writes on the wire and in our stores.
 */
public enum HistoryEventType {
    ACTIVITY_FAILED("ActivityFailed"),
    ACTIVITY_SCHEDULED("ActivityScheduled"),
    ACTIVITY_SCHEDULE_FAILED("ActivityScheduleFailed"),
    ACTIVITY_STARTED("ActivityStarted"),
    ACTIVITY_SUCCEEDED("ActivitySucceeded"),
    ACTIVITY_TIMED_OUT("ActivityTimedOut"),
    CHOICE_STATE_ENTERED("ChoiceStateEntered"),
    CHOICE_STATE_EXITED("ChoiceStateExited"),
    EXECUTION_ABORTED("ExecutionAborted"),
    EXECUTION_FAILED("ExecutionFailed"),
    EXECUTION_STARTED("ExecutionStarted"),
    EXECUTION_SUCCEEDED("ExecutionSucceeded"),
    EXECUTION_TIMED_OUT("ExecutionTimedOut"),
    FAIL_STATE_ENTERED("FailStateEntered"),
    LAMBDA_FUNCTION_FAILED("LambdaFunctionFailed"),
    LAMBDA_FUNCTION_SCHEDULED("LambdaFunctionScheduled"),
    LAMBDA_FUNCTION_SCHEDULE_FAILED("LambdaFunctionScheduleFailed"),
    LAMBDA_FUNCTION_STARTED("LambdaFunctionStarted"),
    LAMBDA_FUNCTION_START_FAILED("LambdaFunctionStartFailed"),
    LAMBDA_FUNCTION_SUCCEEDED("LambdaFunctionSucceeded"),
    LAMBDA_FUNCTION_TIMED_OUT("LambdaFunctionTimedOut"),
    MAP_ITERATION_ABORTED("MapIterationAborted"),
    MAP_ITERATION_FAILED("MapIterationFailed"),
    MAP_ITERATION_STARTED("MapIterationStarted"),
    MAP_ITERATION_SUCCEEDED("MapIterationSucceeded"),
    MAP_STATE_ABORTED("MapStateAborted"),
    MAP_STATE_ENTERED("MapStateEntered"),
    MAP_STATE_EXITED("MapStateExited"),
    MAP_STATE_FAILED("MapStateFailed"),
    MAP_STATE_STARTED("MapStateStarted"),
    MAP_STATE_SUCCEEDED("MapStateSucceeded"),
    PARALLEL_STATE_ABORTED("ParallelStateAborted"),
    PARALLEL_STATE_ENTERED("ParallelStateEntered"),
    PARALLEL_STATE_EXITED("ParallelStateExited"),
    PARALLEL_STATE_FAILED("ParallelStateFailed"),
    PARALLEL_STATE_STARTED("ParallelStateStarted"),
    PARALLEL_STATE_SUCCEEDED("ParallelStateSucceeded"),
    PASS_STATE_ENTERED("PassStateEntered"),
    PASS_STATE_EXITED("PassStateExited"),
    SUCCEED_STATE_ENTERED("SucceedStateEntered"),
    SUCCEED_STATE_EXITED("SucceedStateExited"),
    TASK_FAILED("TaskFailed"),
    TASK_SCHEDULED("TaskScheduled"),
    TASK_STARTED("TaskStarted"),
    TASK_START_FAILED("TaskStartFailed"),
    TASK_STATE_ABORTED("TaskStateAborted"),
    TASK_STATE_ENTERED("TaskStateEntered"),
    TASK_STATE_EXITED("TaskStateExited"),
    TASK_SUBMIT_FAILED("TaskSubmitFailed"),
    TASK_SUBMITTED("TaskSubmitted"),
    TASK_SUCCEEDED("TaskSucceeded"),
    TASK_TIMED_OUT("TaskTimedOut"),
    WAIT_STATE_ABORTED("WaitStateAborted"),
    WAIT_STATE_ENTERED("WaitStateEntered"),
    WAIT_STATE_EXITED("WaitStateExited"),
    MAP_RUN_ABORTED("MapRunAborted"),
    MAP_RUN_FAILED("MapRunFailed"),
    MAP_RUN_STARTED("MapRunStarted"),
    MAP_RUN_SUCCEEDED("MapRunSucceeded"),
    EXECUTION_REDRIVEN("ExecutionRedriven"),
    MAP_RUN_REDRIVEN("MapRunRedriven"),
    EVALUATION_FAILED("EvaluationFailed");

    private static final Map<String, HistoryEventType> BY_WIRE_NAME = new HashMap<>();

    static {
        for (HistoryEventType type : values()) {
            BY_WIRE_NAME.put(type.wireName, type);
        }
    }

    private final String wireName;
    private final String detailsKey;
    /** Asked for every event a step emits (transitions are counted by it), so answered without a string search. */
    private final boolean stateEntered;

    HistoryEventType(String wireName) {
        this.wireName = wireName;
        this.detailsKey = detailsKeyOf(wireName);
        this.stateEntered = wireName.endsWith("StateEntered");
    }

    /** The type as AWS writes it, e.g. {@code TaskStateEntered}; also the form our stores keep. */
    public String wireName() {
        return wireName;
    }

    /** The name of the details member in AWS's {@code HistoryEvent} shape, e.g. {@code stateEnteredEventDetails}. */
    public String detailsKey() {
        return detailsKey;
    }

    /** @throws IllegalArgumentException for a name AWS does not define */
    public static HistoryEventType fromWireName(String wireName) {
        HistoryEventType type = BY_WIRE_NAME.get(wireName);
        if (type == null) {
            throw new IllegalArgumentException("Unknown history event type: " + wireName);
        }
        return type;
    }

    /** Whether this is one of the {@code *StateEntered} events that open a state. */
    public boolean isStateEntered() {
        return stateEntered;
    }

    // Every *StateEntered and *StateExited event shares one details member; each other type has its own.
    private static String detailsKeyOf(String wireName) {
        if (wireName.endsWith("StateEntered")) {
            return "stateEnteredEventDetails";
        }
        if (wireName.endsWith("StateExited")) {
            return "stateExitedEventDetails";
        }
        return Character.toLowerCase(wireName.charAt(0)) + wireName.substring(1) + "EventDetails";
    }

    @Override
    public String toString() {
        return wireName;
    }
}
