package io.stepwise.runtime;

import io.stepwise.engine.ExecutionStatus;
import io.stepwise.engine.state.BranchState;
import io.stepwise.engine.state.ExecutionState;
import io.stepwise.engine.state.Phase;
import java.util.HashSet;
import java.util.Set;

/** Questions about the tasks an execution is waiting for, answered from its state alone. */
public final class PendingTasks {
    private PendingTasks() {
    }

    /** Whether some branch of the running execution still waits for the task {@code ref}. */
    public static boolean isPending(ExecutionState state, String ref) {
        return refs(state).contains(ref);
    }

    /**
     * The refs of every task some branch of the running execution waits for, Map Run commands included, and of the
     * commands that outlive the execution's end (its notices) until they are carried out.
     */
    public static Set<String> refs(ExecutionState state) {
        Set<String> refs = new HashSet<>(state.notices);
        if (state.status == ExecutionStatus.RUNNING && state.root != null) {
            collect(state.root, refs);
        }
        return refs;
    }

    private static void collect(BranchState branch, Set<String> refs) {
        if (branch.phase == Phase.TASK && branch.pendingRef != null) {
            refs.add(branch.pendingRef);
        }
        if (branch.phase == Phase.CHILDREN && branch.mapRun != null) {
            if (branch.mapRun.startRef != null) {
                refs.add(branch.mapRun.startRef);
            }
            if (branch.mapRun.collectRef != null) {
                refs.add(branch.mapRun.collectRef);
            }
            if (branch.mapRun.readRef != null) {
                refs.add(branch.mapRun.readRef);
            }
            if (branch.mapRun.redriveRef != null) {
                refs.add(branch.mapRun.redriveRef);
            }
        }
        if (branch.phase == Phase.CHILDREN && branch.children != null) {
            for (BranchState child : branch.children.active) {
                collect(child, refs);
            }
        }
    }
}
