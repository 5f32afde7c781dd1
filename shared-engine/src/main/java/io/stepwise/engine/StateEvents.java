package io.stepwise.engine;

import static io.stepwise.engine.history.HistoryEventType.*;

import io.stepwise.asl.ChoiceState;
import io.stepwise.asl.FailState;
import io.stepwise.asl.MapState;
import io.stepwise.asl.ParallelState;
import io.stepwise.asl.PassState;
import io.stepwise.asl.State;
import io.stepwise.asl.SucceedState;
import io.stepwise.asl.TaskState;
import io.stepwise.asl.WaitState;
import io.stepwise.engine.history.HistoryEventType;

/**
 * The history event types a state of each ASL type emits about itself. AWS defines only some of them per
 * type (a Fail state is never exited, only Parallel and Map are started, succeed or fail as a whole), so an
 * absent one is {@code null} and asking for it is a bug in the caller. Parallel and Map emit their
 * {@code *StateStarted} events where they start children, under the constant's own name.
 */
record StateEvents(HistoryEventType entered, HistoryEventType exited, HistoryEventType succeeded,
                   HistoryEventType failed, HistoryEventType aborted) {

    private static final StateEvents PASS = new StateEvents(PASS_STATE_ENTERED, PASS_STATE_EXITED, null, null, null);
    private static final StateEvents TASK = new StateEvents(TASK_STATE_ENTERED, TASK_STATE_EXITED, null, null,
            TASK_STATE_ABORTED);
    private static final StateEvents CHOICE = new StateEvents(CHOICE_STATE_ENTERED, CHOICE_STATE_EXITED, null, null,
            null);
    private static final StateEvents WAIT = new StateEvents(WAIT_STATE_ENTERED, WAIT_STATE_EXITED, null, null,
            WAIT_STATE_ABORTED);
    private static final StateEvents SUCCEED = new StateEvents(SUCCEED_STATE_ENTERED, SUCCEED_STATE_EXITED, null,
            null, null);
    private static final StateEvents FAIL = new StateEvents(FAIL_STATE_ENTERED, null, null, null, null);
    private static final StateEvents PARALLEL = new StateEvents(PARALLEL_STATE_ENTERED, PARALLEL_STATE_EXITED,
            PARALLEL_STATE_SUCCEEDED, PARALLEL_STATE_FAILED, PARALLEL_STATE_ABORTED);
    private static final StateEvents MAP = new StateEvents(MAP_STATE_ENTERED, MAP_STATE_EXITED, MAP_STATE_SUCCEEDED,
            MAP_STATE_FAILED, MAP_STATE_ABORTED);

    /** Dispatch over every permitted {@link State} subtype; {@code StateTypeCoverageTest} checks each is here. */
    static StateEvents of(State state) {
        if (state instanceof PassState) {
            return PASS;
        }
        if (state instanceof TaskState) {
            return TASK;
        }
        if (state instanceof ChoiceState) {
            return CHOICE;
        }
        if (state instanceof WaitState) {
            return WAIT;
        }
        if (state instanceof SucceedState) {
            return SUCCEED;
        }
        if (state instanceof FailState) {
            return FAIL;
        }
        if (state instanceof ParallelState) {
            return PARALLEL;
        }
        if (state instanceof MapState) {
            return MAP;
        }
        throw new IllegalStateException("No history events for " + state.getClass().getSimpleName());
    }

    static HistoryEventType entered(State state) {
        return of(state).entered;
    }

    static HistoryEventType exited(State state) {
        return required(of(state).exited, state, "exited");
    }

    static HistoryEventType succeeded(State state) {
        return required(of(state).succeeded, state, "succeeded");
    }

    static HistoryEventType failed(State state) {
        return required(of(state).failed, state, "failed");
    }

    static HistoryEventType aborted(State state) {
        return required(of(state).aborted, state, "aborted");
    }

    private static HistoryEventType required(HistoryEventType type, State state, String what) {
        if (type == null) {
            throw new IllegalStateException("AWS records no " + what + " event for a " + state.common().type()
                    + " state");
        }
        return type;
    }
}
