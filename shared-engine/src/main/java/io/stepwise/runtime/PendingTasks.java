package io.stepwise.runtime;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.state.BranchState;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.engine.state.Phase;

/** Questions about the tasks an execution is waiting for, answered from its state alone. */
public final class PendingTasks {
    private PendingTasks() {
    }

    /** Whether some branch of the running execution still waits for the task {@code ref}. */
    public static boolean isPending(ExecutionState state, String ref) {
        return state.status == ExecutionStatus.RUNNING && state.root != null
                && isPending(state.root, ref);
    }

    private static boolean isPending(BranchState branch, String ref) {
        if (branch.phase == Phase.TASK && ref.equals(branch.pendingRef)) {
            return true;
        }
        if (branch.phase == Phase.CHILDREN && branch.children != null) {
            for (BranchState child : branch.children.active) {
                if (isPending(child, ref)) {
                    return true;
                }
            }
        }
        return false;
    }
}
